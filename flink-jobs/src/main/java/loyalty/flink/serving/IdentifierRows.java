package loyalty.flink.serving;

import java.util.List;
import loyalty.lakehouse.table.IdentityLinks;
import org.apache.flink.table.data.RowData;

/**
 * {@code serving.identifiers} from the identity job's link rows ({@link IdentityLinks}): an open link upserts the
 * identifier's row, a closed one deletes it, but only while the row is still that link's ({@code link_id}), so a
 * delete never removes the link that replaced it (a merge or a device move closes one link and opens another in the
 * same step, in either order).
 *
 * <p>The upsert has no guard on {@code valid_from}: a late event links with its own, earlier {@code occurred_at}
 * (SPEC §1), so the newest link is not always the one with the latest {@code valid_from}. The order of the stream
 * decides, which a replay repeats (one program's links come from one subtask, in the order they were made).
 */
public final class IdentifierRows implements ServingTable<RowData> {
    static final String UPSERT = """
            INSERT INTO serving.identifiers (program, kind, value, member_id, link_id, valid_from, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (program, kind, value) DO UPDATE SET member_id = EXCLUDED.member_id,
                link_id = EXCLUDED.link_id, valid_from = EXCLUDED.valid_from, updated_at = EXCLUDED.updated_at""";
    static final String DELETE = """
            DELETE FROM serving.identifiers WHERE program = ? AND kind = ? AND value = ? AND link_id = ?""";
    private static final int OPENED = 0;
    private static final int CLOSED = 1;

    private final RowColumns columns = RowColumns.of(IdentityLinks.SCHEMA);

    @Override
    public String name() {
        return "serving.identifiers";
    }

    /** Upserts first: within one flush a closed link's delete then meets the row its replacement left, or its own. */
    @Override
    public List<String> statements() {
        return List.of(UPSERT, DELETE);
    }

    @Override
    public List<ServingRow> rows(RowData link) {
        String program = columns.string(link, "program");
        String kind = columns.string(link, "identifier_type");
        String value = columns.string(link, "identifier_value");
        String linkId = columns.string(link, "link_id");
        if (columns.instant(link, "valid_to") != null) {
            return List.of(new ServingRow(CLOSED, linkId, program, kind, value, linkId));
        }
        return List.of(new ServingRow(OPENED, program + "\n" + kind + "\n" + value, program, kind, value,
                columns.string(link, "member_id"), linkId, columns.instant(link, "valid_from")));
    }
}
