package loyalty.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import loyalty.lakehouse.table.Nudges;
import loyalty.lakehouse.table.TableDefinitions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** {@code ledger.nudges}: the columns the KPI views read, with fixed field ids, partitioned by month. */
class NudgesTableTest {

    @Test
    void columnsKeepTheirFieldIdsAndTypes() {
        assertThat(Nudges.SCHEMA.columns()).extracting(c -> c.fieldId() + ":" + c.name() + ":" + c.type())
                .containsExactly("1:nudge_id:string", "2:program:string", "3:member_id:string", "4:type:string",
                        "5:status:string", "6:reason:string", "7:channel:string", "8:triggered_at:timestamptz",
                        "9:source_event_id:string", "10:rule_version:string", "11:holdout:boolean",
                        "12:context:string");
        assertThat(Nudges.SCHEMA.findField("reason").isOptional()).isTrue();
        assertThat(Nudges.SCHEMA.findField("holdout").type()).isEqualTo(Types.BooleanType.get());
    }

    @Test
    void partitionedByMonthOfTheTriggerAndRegistered() {
        assertThat(Nudges.SPEC.fields()).singleElement().satisfies(f -> {
            assertThat(f.transform().toString()).isEqualTo("month");
            assertThat(Nudges.SCHEMA.findColumnName(f.sourceId())).isEqualTo("triggered_at");
        });
        assertThat(Nudges.ID.toString()).isEqualTo("ledger.nudges");
        assertThat(TableDefinitions.all()).contains(Nudges.DEFINITION);
    }
}
