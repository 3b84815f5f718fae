package loyalty.flink.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One table of the live ledger beside the same table of a replay: row counts and the rows found on one side only
 * (rows compared on every column, as multisets).
 *
 * @param samples a few differing rows, {@code live: …} or {@code replay: …}
 */
public record TableDiff(
        @JsonProperty("table") String table,
        @JsonProperty("live_rows") long liveRows,
        @JsonProperty("replay_rows") long replayRows,
        @JsonProperty("only_live") long onlyLive,
        @JsonProperty("only_replay") long onlyReplay,
        @JsonProperty("samples") List<String> samples) {

    @JsonProperty("equal")
    public boolean equal() {
        return onlyLive == 0 && onlyReplay == 0;
    }
}
