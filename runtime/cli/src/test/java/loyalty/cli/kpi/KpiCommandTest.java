package loyalty.cli.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import loyalty.cli.LoyaltyCommand;
import loyalty.cli.OneLineErrors;
import loyalty.cli.UserError;
import loyalty.lakehouse.kpi.KpiSnapshots;
import loyalty.lakehouse.kpi.KpiViews;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code loyalty kpi} wiring and its query choice; the views themselves are tested in the lakehouse module. */
class KpiCommandTest {
    @Test
    void showReadsTheSummaryOrANamedViewOfOneProgram() {
        assertThat(ShowKpiCommand.query(KpiViews.SCHEMA, ShowKpiCommand.SUMMARY, null))
                .isEqualTo("SELECT * FROM iceberg.kpi.program_summary ORDER BY 1, 2");
        assertThat(ShowKpiCommand.query(KpiViews.SCHEMA, "nudge_lift", "o'hara"))
                .isEqualTo("SELECT * FROM iceberg.kpi.nudge_lift WHERE program = 'o''hara' ORDER BY 1, 2");
        assertThat(ShowKpiCommand.query(KpiSnapshots.SCHEMA, ShowKpiCommand.SUMMARY, null))
                .isEqualTo("SELECT * FROM iceberg.kpi_snapshot.program_summary ORDER BY 1, 2");
    }

    @Test
    void anUnknownViewIsRefusedBeforeAnyQuery() {
        assertThatThrownBy(() -> ShowKpiCommand.query(KpiViews.SCHEMA, "members; DROP TABLE x", null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no KPI view members; DROP TABLE x")
                .hasMessageContaining("active_member_rate");
    }

    @Test
    void kpiIsASubcommandOfLoyaltyWithInstallRefreshAndShow() {
        StringWriter err = new StringWriter();
        CommandLine loyalty = new CommandLine(new LoyaltyCommand()).setExecutionExceptionHandler(new OneLineErrors());
        loyalty.setErr(new PrintWriter(err));
        assertThat(loyalty.getSubcommands().get("kpi").getSubcommands()).containsOnlyKeys("install", "refresh", "show");

        int exit = loyalty.execute("kpi", "show", "--view", "nope", "--url", "jdbc:trino://127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("error: no KPI view nope");
    }
}
