package loyalty.stack.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import loyalty.stack.Ports;
import loyalty.stack.StackException;
import loyalty.stack.process.Commands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL cluster from Debian's server binaries, in a folder of the project, on a loopback port, with
 * {@code wal_level=logical} so Debezium can stream from it. It holds the operational tables (database
 * {@value #SHOP_DB}) and the Iceberg JDBC catalog (database {@value #LAKEHOUSE_DB}).
 */
public final class PostgresCluster implements AutoCloseable {
    public static final String USER = "loyalty";
    public static final String PASSWORD = "loyalty";
    public static final String SHOP_DB = "shop";
    public static final String LAKEHOUSE_DB = "lakehouse";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
    private static final String SERVICE_USER = "postgres";
    private static final Path RELOCATED = Path.of("/var/tmp/loyalty-postgres");

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final String runAs;

    private PostgresCluster(Path binDir, Path dataDir, int port) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.runAs = Commands.runningAsRoot() ? SERVICE_USER : null;
    }

    /** Initialises the cluster if it is new, starts it unless it already runs, and creates the databases. */
    public static PostgresCluster start(Path requestedDir, int port) {
        Path bin = findServerBinaries().orElseThrow(() -> new StackException(
                "PostgreSQL server is not installed: run 'sudo apt-get install -y postgresql' and try again."));
        PostgresCluster cluster = new PostgresCluster(bin, placeDataDir(requestedDir.toAbsolutePath()), port);
        cluster.initIfNew();
        if (!cluster.isRunning()) {
            Ports.requireFree(port, "PostgreSQL", "--pg-port");
            cluster.startServer();
        }
        cluster.createDatabase(SHOP_DB);
        cluster.createDatabase(LAKEHOUSE_DB);
        return cluster;
    }

    /** Stops a cluster left running in this folder by a process that died without stopping it; true if one was. */
    public static boolean stopIfRunning(Path requestedDir) {
        Optional<Path> bin = findServerBinaries();
        if (bin.isEmpty()) {
            return false;
        }
        PostgresCluster orphan = new PostgresCluster(bin.get(), placeDataDir(requestedDir.toAbsolutePath()), 0);
        if (!orphan.isRunning()) {
            return false;
        }
        orphan.stop();
        return true;
    }

    /** Stops the cluster of this folder if it runs and deletes its data, wherever it was placed. */
    public static void destroy(Path requestedDir) {
        stopIfRunning(requestedDir);
        Path data = placeDataDir(requestedDir.toAbsolutePath());
        if (Files.exists(data)) {
            Commands.runChecked(List.of("rm", "-rf", data.toString()), null, null, 300);
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} that has a server. */
    public static Optional<Path> findServerBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(PostgresCluster::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    public boolean isRunning() {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return false;
        }
        return Commands.run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "status"), runAs, null, 30)
                .exitCode() == 0;
    }

    public void stop() {
        if (isRunning()) {
            Commands.runChecked(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"),
                    runAs, null, 120);
            LOG.info("event=postgres_stopped port={}", port);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void initIfNew() {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path pwfile = dataDir.resolveSibling(dataDir.getFileName() + ".pw");
            Files.writeString(pwfile, PASSWORD + "\n");
            ownForService(dataDir);
            ownForService(pwfile);
            Commands.runChecked(List.of(bin("initdb"), "-D", dataDir.toString(), "-U", USER, "--pwfile=" + pwfile,
                    "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C"), runAs, null, 180);
            Files.deleteIfExists(pwfile);
            Files.writeString(dataDir.resolve("postgresql.auto.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + port,
                    "unix_socket_directories = '" + dataDir + "'",
                    "wal_level = logical",
                    "max_replication_slots = 10",
                    "max_wal_senders = 10",
                    "max_connections = 200",
                    // A developer stack: commits survive a process crash, not a power cut; much faster on small disks.
                    "synchronous_commit = off",
                    "shared_buffers = 256MB",
                    "log_min_messages = warning",
                    "") , StandardCharsets.UTF_8);
            Files.writeString(dataDir.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host replication all 127.0.0.1/32 scram-sha-256",
                    ""), StandardCharsets.UTF_8);
            ownForService(dataDir);
            LOG.info("event=postgres_initialised dir={}", dataDir);
        } catch (IOException e) {
            throw new StackException("cannot prepare the PostgreSQL data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void startServer() {
        Path log = dataDir.resolve("server.log");
        Commands.Result result = Commands.run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", log.toString(),
                "-w", "-t", "120", "-o", "-p " + port, "start"), runAs, null, 180);
        if (result.exitCode() != 0) {
            throw new StackException("PostgreSQL did not start on port " + port + "; see " + log + ": "
                    + tail(log));
        }
        LOG.info("event=postgres_started port={} dir={}", port, dataDir);
    }

    private void createDatabase(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new StackException("cannot create database " + name + " on port " + port + ": " + e.getMessage(), e);
        }
    }

    private void ownForService(Path path) throws IOException {
        if (runAs == null) {
            return;
        }
        Commands.runChecked(List.of("chown", "-R", SERVICE_USER + ":" + SERVICE_USER, path.toString()), null, null, 60);
    }

    private String bin(String tool) {
        return binDir.resolve(tool).toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /**
     * As root the server runs as the {@code postgres} user, which must be able to reach the data folder. Under a
     * private home (mode 700) it cannot, so the cluster then lives under /var/tmp, named after the requested path.
     */
    private static Path placeDataDir(Path requested) {
        if (!Commands.runningAsRoot() || reachableByOthers(requested.getParent())) {
            return requested;
        }
        Path fallback = RELOCATED.resolve(Integer.toHexString(requested.toString().hashCode()));
        LOG.info("event=postgres_dir_relocated requested={} actual={}", requested, fallback);
        sweepOrphans();
        try {
            Files.createDirectories(RELOCATED);
            Files.writeString(fallback.resolveSibling(fallback.getFileName() + ".requested"), requested.toString());
        } catch (IOException e) {
            throw new StackException("cannot use " + RELOCATED + " for PostgreSQL's data: " + e.getMessage(), e);
        }
        return fallback;
    }

    /**
     * Relocated clusters whose requested folder is gone (a test's temporary folder, a deleted work folder) and whose
     * server no longer runs are deleted, so that they do not pile up.
     */
    private static void sweepOrphans() {
        if (!Files.isDirectory(RELOCATED)) {
            return;
        }
        try (Stream<Path> markers = Files.list(RELOCATED)) {
            for (Path marker : markers.filter(p -> p.toString().endsWith(".requested")).toList()) {
                Path requested = Path.of(Files.readString(marker).strip());
                String name = marker.getFileName().toString();
                Path data = marker.resolveSibling(name.substring(0, name.length() - ".requested".length()));
                if (!Files.exists(requested.getParent()) && !Files.exists(data.resolve("postmaster.pid"))) {
                    Commands.run(List.of("rm", "-rf", data.toString()), null, null, 120);
                    Files.deleteIfExists(marker);
                }
            }
        } catch (IOException e) {
            LOG.warn("event=postgres_sweep_failed reason={}", e.getMessage());
        }
    }

    private static boolean reachableByOthers(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
