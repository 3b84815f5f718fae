package loyalty.lakehouse.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import loyalty.lakehouse.table.TableDefinition;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdatePartitionSpec;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.TypeUtil;

/**
 * Brings an existing table to its current {@link TableDefinition} when a release changes the definition: columns the
 * definition has and the table lacks are added (optional, so rows written before read them as null), and the
 * partition spec is changed to the definition's (Iceberg partition evolution: files already written keep their old
 * layout until compaction rewrites them, and queries read both). Nothing is ever dropped or retyped, and a table that
 * already matches is not touched, so this runs at every start without writing a new metadata file.
 *
 * <p>An added column gets the next free field id of the table, which may differ from the id in the definition; the
 * platform reads and writes columns by name.
 */
final class TableEvolution {
    private TableEvolution() {
    }

    /** What changed: columns added, and the partition fields before and after (equal when unchanged). */
    record Evolved(List<String> addedColumns, List<String> specBefore, List<String> specAfter) {
        boolean changed() {
            return !addedColumns.isEmpty() || !specBefore.equals(specAfter);
        }
    }

    static Evolved evolve(Table table, TableDefinition definition) {
        List<String> added = missingColumns(table.schema(), definition.schema());
        if (!added.isEmpty()) {
            table.updateSchema().unionByNameWith(definition.schema()).commit();
        }
        Map<String, PartitionField> have = fields(table.spec(), table.schema());
        Map<String, PartitionField> want = fields(definition.spec(), definition.schema());
        if (!have.keySet().equals(want.keySet())) {
            UpdatePartitionSpec update = table.updateSpec();
            for (Map.Entry<String, PartitionField> field : have.entrySet()) {
                if (!want.containsKey(field.getKey())) {
                    update.removeField(field.getValue().name());
                }
            }
            for (Map.Entry<String, PartitionField> field : want.entrySet()) {
                if (!have.containsKey(field.getKey())) {
                    String source = definition.schema().findColumnName(field.getValue().sourceId());
                    update.addField(field.getValue().name(), Expressions.transform(source, field.getValue().transform()));
                }
            }
            update.commit();
        }
        return new Evolved(added, List.copyOf(have.keySet()), List.copyOf(want.keySet()));
    }

    /** Full names (nested ones dotted) of the definition's columns the table does not have, sorted by name. */
    static List<String> missingColumns(Schema table, Schema definition) {
        Set<String> existing = TypeUtil.indexByName(table.asStruct()).keySet();
        List<String> missing = new ArrayList<>();
        for (String name : TypeUtil.indexByName(definition.asStruct()).keySet()) {
            if (!existing.contains(name)) {
                missing.add(name);
            }
        }
        missing.sort(null);
        return missing;
    }

    /** A spec's fields keyed by what they mean, {@code transform(source column)}, e.g. {@code month(occurred_at)}. */
    private static Map<String, PartitionField> fields(PartitionSpec spec, Schema schema) {
        Map<String, PartitionField> fields = new LinkedHashMap<>();
        for (PartitionField field : spec.fields()) {
            if (field.transform().isVoid()) {
                continue; // a field removed in an earlier evolution (format v1 keeps it as void)
            }
            fields.put(field.transform() + "(" + schema.findColumnName(field.sourceId()) + ")", field);
        }
        return fields;
    }
}
