package loyalty.cli.stack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import loyalty.lakehouse.kpi.KpiSnapshots;
import loyalty.lakehouse.maintenance.LakehouseMaintenance;
import loyalty.lakehouse.maintenance.MaintenancePolicy;
import loyalty.lakehouse.maintenance.TableReport;
import loyalty.stack.trino.TrinoSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table maintenance on a long-running local stack: the streaming jobs commit small files every checkpoint, so once a
 * day (the first run an hour after the start, out of the way of start-up work) every table is compacted, its
 * manifests rewritten, snapshots past the retention expired and orphan files removed, as {@code loyalty maintain}
 * does. Results go to the log, one line per table; a table that fails (an optimize racing a streaming commit) is
 * logged and tried again the next day.
 *
 * <p>Every hour (the first time a quarter of an hour after the start) the KPI snapshots are refreshed, as
 * {@code loyalty kpi refresh} does, so dashboards reading {@code iceberg.kpi_snapshot} lag the views by an hour at
 * most. Both run on one thread, never at once: on a small machine each takes its cores.
 */
final class MaintenanceSchedule implements AutoCloseable {
    static final Duration FIRST_RUN = Duration.ofHours(1);
    static final Duration PERIOD = Duration.ofDays(1);
    static final Duration KPI_FIRST_RUN = Duration.ofMinutes(15);
    static final Duration KPI_PERIOD = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceSchedule.class);

    private final ScheduledExecutorService timer;

    private MaintenanceSchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static MaintenanceSchedule start(String trinoJdbcUrl, String user) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakehouse-maintenance");
            t.setDaemon(true);
            return t;
        });
        TrinoSql sql = new TrinoSql(trinoJdbcUrl, user);
        LakehouseMaintenance maintenance = new LakehouseMaintenance(s -> sql.query(s).rows(), "iceberg",
                MaintenancePolicy.defaults());
        timer.scheduleAtFixedRate(() -> runOnce(maintenance), FIRST_RUN.toMinutes(), PERIOD.toMinutes(),
                TimeUnit.MINUTES);
        KpiSnapshots snapshots = new KpiSnapshots(s -> sql.query(s).rows());
        timer.scheduleAtFixedRate(() -> refreshKpis(snapshots), KPI_FIRST_RUN.toMinutes(), KPI_PERIOD.toMinutes(),
                TimeUnit.MINUTES);
        return new MaintenanceSchedule(timer);
    }

    static void runOnce(LakehouseMaintenance maintenance) {
        try {
            List<TableReport> reports = maintenance.maintainAll();
            for (TableReport r : reports) {
                if (r.succeeded()) {
                    LOG.info("event=table_maintained table={} data_files={}->{} bytes={}->{} snapshots={}->{} millis={}",
                            r.table(), r.before().dataFiles(), r.after().dataFiles(), r.before().totalBytes(),
                            r.after().totalBytes(), r.before().snapshots(), r.after().snapshots(), r.took().toMillis());
                } else {
                    LOG.warn("event=table_maintenance_failed table={} error={}", r.table(), r.error().orElse("?"));
                }
            }
        } catch (Exception e) {
            // never let one failed run cancel the schedule
            LOG.warn("event=maintenance_failed error={}", e.toString());
        }
    }

    static void refreshKpis(KpiSnapshots snapshots) {
        try {
            for (KpiSnapshots.Refreshed r : snapshots.refresh()) {
                if (r.succeeded()) {
                    LOG.info("event=kpi_snapshot_refreshed view={} rows={} millis={}", r.view(), r.rows(),
                            r.took().toMillis());
                } else {
                    LOG.warn("event=kpi_snapshot_failed view={} error={}", r.view(), r.error());
                }
            }
        } catch (Exception e) {
            // never let one failed run cancel the schedule
            LOG.warn("event=kpi_refresh_failed error={}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
