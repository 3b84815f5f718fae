package loyalty.lakehouse.erasure;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import loyalty.lakehouse.maintenance.Compaction;
import loyalty.lakehouse.maintenance.SqlEngine;

/**
 * Makes a table's changed rows physically gone. Trino's UPDATE and DELETE on Iceberg v2 are merge-on-read: they
 * write position-delete files and leave the old data file, erased values included, in place. {@code optimize}
 * rewrites every data file that has deletes whatever its size (Trino's split source admits a file with deletes
 * before looking at the size threshold), so a threshold of one byte rewrites exactly those files and no other;
 * {@code expire_snapshots} with retention zero then drops every older snapshot and deletes the files only they
 * referenced (the old data files, their delete files, old manifests and manifest lists), and
 * {@code remove_orphan_files} deletes what no snapshot ever referenced (leftovers of failed writes). Before the
 * expiry, {@link ManifestRewriter} drops the replaced files' entries (and their column bounds) from the manifests.
 */
final class TableRewriter {
    private final SqlEngine sql;
    private final ManifestRewriter manifests;
    private final Duration orphanRetention;

    /** @param sql a session whose minimum retentions are at most zero / {@code orphanRetention} */
    TableRewriter(SqlEngine sql, ManifestRewriter manifests, Duration orphanRetention) {
        this.sql = sql;
        this.manifests = manifests;
        this.orphanRetention = orphanRetention;
    }

    /** @param qualified {@code "catalog"."schema"."table"} */
    ErasureReport.TableRewrite rewrite(String table, String qualified) throws SQLException {
        Set<String> filesBefore = files(qualified);
        long snapshotsBefore = count(qualified, "snapshots");
        new Compaction(sql).optimize(qualified, "file_size_threshold => '1B'");
        try {
            manifests.rewriteManifests(table);
        } catch (Exception e) {
            throw new SQLException(table + ": rewriting the manifests failed: " + e.getMessage(), e);
        }
        long snapshotsRewritten = count(qualified, "snapshots");
        sql.rows("ALTER TABLE " + qualified + " EXECUTE expire_snapshots(retention_threshold => '0s')");
        sql.rows("ALTER TABLE " + qualified + " EXECUTE remove_orphan_files(retention_threshold => '"
                + orphanRetention.toSeconds() + "s')");
        Set<String> filesAfter = files(qualified);
        Set<String> replaced = new HashSet<>(filesBefore);
        replaced.removeAll(filesAfter);
        return new ErasureReport.TableRewrite(table, filesBefore.size(), filesAfter.size(), replaced.size(),
                snapshotsBefore, snapshotsRewritten, count(qualified, "snapshots"));
    }

    /** Data and delete files of the current snapshot. */
    private Set<String> files(String qualified) throws SQLException {
        Set<String> paths = new HashSet<>();
        for (List<Object> row : sql.rows("SELECT file_path FROM " + Compaction.metadataTable(qualified, "files"))) {
            paths.add((String) row.get(0));
        }
        return paths;
    }

    private long count(String qualified, String metadataTable) throws SQLException {
        return ((Number) sql.rows("SELECT count(*) FROM " + Compaction.metadataTable(qualified, metadataTable))
                .get(0).get(0))
                .longValue();
    }
}
