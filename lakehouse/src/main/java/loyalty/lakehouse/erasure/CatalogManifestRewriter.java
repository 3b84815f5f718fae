package loyalty.lakehouse.erasure;

import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@link ManifestRewriter} through the Iceberg catalog Trino also uses (the JDBC catalog in PostgreSQL), with a
 * check that the current data manifests list no removed file any more.
 */
public final class CatalogManifestRewriter implements ManifestRewriter {
    private final Catalog catalog;

    public CatalogManifestRewriter(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void rewriteManifests(String table) {
        Table loaded = catalog.loadTable(TableIdentifier.parse(table));
        if (loaded.currentSnapshot() == null) {
            return;
        }
        // Without a clustering function RewriteManifests only moves whole manifests; with one it reads every data
        // manifest and writes its live entries (ADDED and EXISTING) into new ones, dropping the DELETED entries.
        loaded.rewriteManifests().clusterBy(file -> "erasure").rewriteIf(manifest -> true).commit();
        loaded.refresh();
        long listedAsDeleted = 0;
        for (ManifestFile manifest : loaded.currentSnapshot().dataManifests(loaded.io())) {
            listedAsDeleted += manifest.deletedFilesCount() == null ? 0 : manifest.deletedFilesCount();
        }
        if (listedAsDeleted > 0) {
            throw new IllegalStateException(listedAsDeleted + " removed data files of " + table + " are still listed,"
                    + " with their column bounds, in the current manifests");
        }
    }
}
