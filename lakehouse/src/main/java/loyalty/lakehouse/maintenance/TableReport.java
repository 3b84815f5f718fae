package loyalty.lakehouse.maintenance;

import java.time.Duration;
import java.util.Optional;

/**
 * One table's maintenance: its state before and after, how long it took, and why it failed if it did (a failure
 * leaves the table as it was after the last step that succeeded; the run goes on with the next table).
 *
 * @param before null when the table could not even be read
 * @param after  after a failure, the state the steps that succeeded left; null when it could not be read
 */
public record TableReport(String table, TableState before, TableState after, Duration took, Optional<String> error) {
    public boolean succeeded() {
        return error.isEmpty();
    }
}
