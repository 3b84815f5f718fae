package loyalty.lakehouse.maintenance;

/**
 * What a table's current snapshot is made of, as maintenance changes it.
 *
 * @param dataFiles  data files of the current snapshot (delete files not counted)
 * @param totalBytes their size on storage
 * @param manifests  manifests of the current snapshot
 * @param snapshots  snapshots still kept in the table's metadata (reachable by time travel)
 */
public record TableState(long dataFiles, long totalBytes, long manifests, long snapshots) {
}
