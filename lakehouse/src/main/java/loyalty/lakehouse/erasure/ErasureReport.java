package loyalty.lakehouse.erasure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one erasure did.
 *
 * @param rowsChanged      per {@code schema.table}, the rows updated, deleted or inserted (tables it did not touch
 *                         are absent)
 * @param tables           per rewritten table: its data and delete files and snapshots before and after
 * @param filesRewritten   data and delete files the rewrite replaced, over all tables
 * @param snapshotsExpired over all tables
 */
public record ErasureReport(String erasureId, String program, String pseudonym, int membersErased,
                            Map<String, Long> rowsChanged, List<TableRewrite> tables, long filesRewritten,
                            long snapshotsExpired, Duration took) {

    /**
     * One table's files and snapshots around the rewrite and expiry.
     *
     * @param snapshotsBefore    before the rewrite (the erasure's own UPDATE/DELETE commits included)
     * @param snapshotsRewritten after the rewrite, which commits one more when it had files to rewrite
     * @param snapshotsAfter     after expiry: one, the current snapshot
     */
    public record TableRewrite(String table, long filesBefore, long filesAfter, long filesRewritten,
                               long snapshotsBefore, long snapshotsRewritten, long snapshotsAfter) {
        public long snapshotsExpired() {
            return snapshotsRewritten - snapshotsAfter;
        }
    }
}
