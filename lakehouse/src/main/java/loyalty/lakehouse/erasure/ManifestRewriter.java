package loyalty.lakehouse.erasure;

/**
 * Rewrites the current snapshot's manifests so that they list live files only. A rewrite of data files leaves
 * manifests that still list the replaced files as DELETED entries, with their column bounds (the first 16
 * characters of the smallest and largest value of each column: an email, say). Trino's {@code optimize_manifests}
 * skips a table with one small manifest, which is exactly the case after erasing from a small table, so this is done
 * with Iceberg's own RewriteManifests ({@link CatalogManifestRewriter}).
 */
@FunctionalInterface
public interface ManifestRewriter {
    /** @param table {@code schema.table} */
    void rewriteManifests(String table) throws Exception;
}
