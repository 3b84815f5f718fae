package loyalty.cli.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import loyalty.cli.LoyaltyCommand;
import loyalty.cli.UserError;
import loyalty.lakehouse.maintenance.MaintenancePolicy;
import loyalty.lakehouse.maintenance.TableReport;
import loyalty.lakehouse.maintenance.TableState;
import loyalty.stack.trino.TableRenderer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command's own parts; maintenance itself runs against a real Trino in the lakehouse module's tests. */
class MaintainCommandTest {
    @Test
    void isALoyaltySubcommandWithTheTrinoOptions() {
        CommandLine maintain = new CommandLine(new LoyaltyCommand()).getSubcommands().get("maintain");

        assertThat(maintain).isNotNull();
        assertThat(maintain.getCommandSpec().optionsMap())
                .containsKeys("--url", "--user", "--retention", "--orphan-retention", "--small-file-mb", "--table");
        assertThat(maintain.getCommandSpec().findOption("--user").defaultValue()).isEqualTo("admin");
    }

    @Test
    void retentionsAreTypedTheWayTrinoWritesThem() {
        assertThat(RetentionArgument.parse("7d", "--retention")).isEqualTo(Duration.ofDays(7));
        assertThat(RetentionArgument.parse("12h", "--retention")).isEqualTo(Duration.ofHours(12));
        assertThat(RetentionArgument.parse("30m", "--retention")).isEqualTo(Duration.ofMinutes(30));
        assertThat(RetentionArgument.parse("0s", "--retention")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> RetentionArgument.parse("1 week", "--orphan-retention"))
                .isInstanceOf(UserError.class)
                .hasMessage("--orphan-retention '1 week' is not a duration such as 7d, 12h, 30m or 0s.");
    }

    @Test
    void theAskedRetentionsBecomeTheSessionsMinimums() {
        MaintenancePolicy policy = new MaintenancePolicy(Duration.ofHours(1), Duration.ofDays(2), 1);

        assertThat(MaintainCommand.withRetentionMinimums("jdbc:trino://127.0.0.1:18080/iceberg", policy))
                .isEqualTo("jdbc:trino://127.0.0.1:18080/iceberg?sessionProperties="
                        + "iceberg.expire_snapshots_min_retention:3600s;iceberg.remove_orphan_files_min_retention:172800s");
        assertThat(MaintainCommand.withRetentionMinimums("jdbc:trino://h:8080/iceberg?SSL=true", policy))
                .startsWith("jdbc:trino://h:8080/iceberg?SSL=true&sessionProperties=");
    }

    @Test
    void printsEachTableBeforeAndAfterAndWhyOneFailed() {
        TableReport compacted = new TableReport("ledger.points_ledger", new TableState(30, 53_280, 30, 30),
                new TableState(1, 2_347, 1, 1), Duration.ofMillis(13_252), Optional.empty());
        TableReport failed = new TableReport("raw.events", new TableState(4, 900, 2, 4), null,
                Duration.ofMillis(40), Optional.of("Retention specified (0.00s) is shorter than the minimum"));

        String printed = TableRenderer.render(MaintenanceTable.of(List.of(compacted, failed)));

        assertThat(printed.lines().toList()).hasSize(5);
        assertThat(printed).contains(" ledger.points_ledger | 30 -> 1    | 53280 -> 2347 | 30 -> 1   | 30 -> 1   |    13.3 |")
                .contains(" raw.events           | 4 -> ?     | 900 -> ?      | 2 -> ?    | 4 -> ?    |     0.0 |"
                        + " Retention specified")
                .endsWith("(2 rows)\n");
    }
}
