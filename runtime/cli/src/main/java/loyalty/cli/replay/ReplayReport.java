package loyalty.cli.replay;

import java.io.PrintStream;
import java.util.Locale;
import loyalty.cli.console.TextTable;
import loyalty.flink.replay.TableDiff;

/** The replay's comparison with the live ledger as a table and a verdict. */
public final class ReplayReport {
    private ReplayReport() {
    }

    public static void print(LedgerReplay.Outcome outcome, PrintStream out) {
        TextTable table = new TextTable("table", "live rows", "replay rows", "only live", "only replay", "");
        for (TableDiff d : outcome.comparison().tables()) {
            table.row(d.table(), d.liveRows(), d.replayRows(), d.onlyLive(), d.onlyReplay(),
                    d.equal() ? "equal" : "DIFFERENT");
        }
        out.print(table.render());
        outcome.comparison().tables().stream().flatMap(d -> d.samples().stream().map(s -> d.table() + " " + s))
                .forEach(s -> out.println("  " + s));
        out.printf(Locale.ROOT, "replay: %,d events from raw.events in %.1f s (%,.0f events/s), up to %s%n",
                outcome.events(), outcome.seconds(), outcome.eventsPerSecond(), outcome.latestEvent());
        out.println(outcome.comparison().equal()
                ? "replay = live: the same history gives the same ledger, entry for entry."
                : "REPLAY DIFFERS FROM LIVE: see the rows above (a live job still catching up shows as 'only replay').");
    }
}
