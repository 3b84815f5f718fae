package loyalty.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stack.json is how other commands and tools find the stack's endpoints, the balance API's among them. */
class StackStateTest {
    @TempDir
    Path work;

    @Test
    void theApiUrlIsPublishedAndReadBack() throws Exception {
        StackState state = new StackState(ProcessHandle.current().pid(), Instant.parse("2026-01-01T00:00:00Z"), 54329,
                "jdbc:postgresql://127.0.0.1:54329/shop", "jdbc:postgresql://127.0.0.1:54329/lakehouse",
                "127.0.0.1:19092", "http://127.0.0.1:18081/v1/events", null, "file:/w/warehouse",
                "http://127.0.0.1:18089");
        Path file = work.resolve("stack.json");
        state.write(file);
        assertThat(Files.readString(file)).contains("\"api_url\" : \"http://127.0.0.1:18089\"");
        assertThat(StackState.readLive(file)).contains(state);
    }

    @Test
    void aStackWithoutTheApiHasNoUrl() {
        StackState state = new StackState(1, Instant.EPOCH, 1, null, null, null, null, null, null);
        assertThat(state.apiUrl()).isNull();
    }
}
