package loyalty.lakehouse.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code ledger.nudges}: append-only, one row per nudge trigger (SPEC §10), delivered or suppressed — the suppressed
 * rows, holdout ones above all, are what lift is measured against. {@code nudge_id} is deterministic
 * ({@code type:member_id:source_key}), so a replay writes the same ids. Partitioned by month of
 * {@code triggered_at}: nudges are far fewer than ledger entries, and days would leave 365 small files a year.
 */
public final class Nudges {
    public static final TableIdentifier ID = TableIdentifier.of("ledger", "nudges");

    public static final Schema SCHEMA = new Schema(
            required(1, "nudge_id", Types.StringType.get()),
            required(2, "program", Types.StringType.get()),
            required(3, "member_id", Types.StringType.get()),
            required(4, "type", Types.StringType.get(), "WELCOME, TIER_UPGRADE, NEAR_TIER, POINTS_EXPIRING, "
                    + "LAPSE_RISK, CHURN_RISK, REWARD_UNLOCKED, BIRTHDAY or REDEMPTION_CONFIRMED"),
            required(5, "status", Types.StringType.get(), "DELIVERED or SUPPRESSED"),
            optional(6, "reason", Types.StringType.get(),
                    "why suppressed: not_enrolled, holdout, no_consent or frequency_cap"),
            optional(7, "channel", Types.StringType.get(), "push, email or sms, once consent was checked"),
            required(8, "triggered_at", Types.TimestampType.withZone()),
            optional(9, "source_event_id", Types.StringType.get(), "null for time-driven triggers"),
            required(10, "rule_version", Types.StringType.get()),
            required(11, "holdout", Types.BooleanType.get(), "the member is in the holdout group"),
            optional(12, "context", Types.StringType.get(), "JSON object: available, tier and the type's details"));

    public static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA)
            .month("triggered_at")
            .build();

    public static final TableDefinition DEFINITION = new TableDefinition(ID, SCHEMA, SPEC, Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd"));

    private Nudges() {
    }
}
