package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code ledger.points_ledger}: the append-only points ledger, one row per SPEC §11 ledger entry. Entries are never
 * updated: a correction is a new entry, so a member's balance is always the sum of their rows. Partitioned by month
 * of {@code occurred_at} and by a bucket of {@code member_id}, so reading one member's history skips the other buckets
 * of each month. Months, not days: a compacted year is 192 files rather than 5,840 (each view that scans the ledger
 * opens every one, and `loyalty bench sql` measured the file count as the larger cost at a million entries), and a
 * replay or a backfill keeps one writer open per month and bucket rather than per day. Field ids are numbered the way Iceberg assigns them (top level first, then list elements).
 * List elements are optional for the reason given on {@link Members}.
 */
public final class PointsLedger {
    public static final TableIdentifier ID = TableIdentifier.of("ledger", "points_ledger");

    public static final Schema SCHEMA = new Schema(
            required(1, "entry_id", Types.StringType.get()),
            required(2, "program", Types.StringType.get()),
            required(3, "member_id", Types.StringType.get()),
            required(4, "type", Types.StringType.get(), "EARN | BONUS | ADJUST | REDEEM | REDEEM_REVERSAL | CLAWBACK"
                    + " | EXPIRE | TRANSFER_IN | TRANSFER_OUT"),
            required(5, "points", Types.LongType.get(), "signed: negative takes points away"),
            optional(6, "lot_id", Types.StringType.get(), "null for a debt transfer at a merge"),
            required(7, "occurred_at", Types.TimestampType.withZone()),
            optional(8, "available_at", Types.TimestampType.withZone(), "for an entry that creates a lot"),
            optional(9, "expires_at", Types.TimestampType.withZone(), "for an entry that creates a lot"),
            required(10, "source_event_id", Types.StringType.get(), "the input event that caused the entry"),
            optional(11, "rule_version", Types.StringType.get(), "the rule set version that produced it"),
            optional(12, "campaign_ids", Types.ListType.ofOptional(14, Types.StringType.get())),
            optional(13, "note", Types.StringType.get()));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .month("occurred_at")
            .bucket("member_id", 16)
            .build();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private PointsLedger() {
    }
}
