package loyalty.stack.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import loyalty.stack.Ports;
import loyalty.stack.StackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trino 476 as a child process on loopback: one node that coordinates and works, with the lakehouse's Iceberg
 * catalog as {@code iceberg}. Runs {@code io.trino.server.TrinoServer} directly on a Java 24+ JDK (no launcher
 * daemon), so the process we hold is the server itself and closing it stops everything. Work-dir layout:
 * {@code trino-server-<v>/} (unpacked once), {@code etc/} (rewritten each start), {@code data/}, {@code server.log},
 * {@code trino-server-<v>.jsa} (class-data archive written at the first stop).
 */
public final class TrinoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoServer.class);
    private static final String MAIN_CLASS = "io.trino.server.TrinoServer";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread killOnExit;
    private Duration startTime = Duration.ZERO;

    private TrinoServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        // A test JVM or CLI that dies without close() must not leave a 4 GB server behind.
        this.killOnExit = new Thread(process::destroyForcibly, "trino-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Why Trino cannot run here, with the fix; for callers that skip it when {@link #findJava()} is empty. */
    public static String missingJavaMessage() {
        return TrinoJava.missingMessage();
    }

    /** The {@code java} that would run Trino; empty means Trino cannot run here and callers may skip it. */
    public static Optional<Path> findJava() {
        return TrinoJava.find();
    }

    /**
     * Starts Trino on {@code 127.0.0.1:port} and returns once it accepts queries.
     *
     * @param catalogEnv values for the {@code ${ENV:...}} placeholders of the configuration files, see
     *                   {@link TrinoCatalogEnv#localWarehouse}
     * @throws StackException without a Java 24+ JDK, when the archives are not in the local Maven repository, when
     *                        the port is taken or a variable is missing, or when Trino exits or does not answer in time
     */
    public static TrinoServer start(Path workDir, int port, Map<String, String> catalogEnv) {
        Path java = findJava().orElseThrow(() -> new StackException(TrinoJava.missingMessage()));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(catalogEnv);
        TrinoEtc.requireEnvironment(env);
        Ports.requireFree(port, "Trino", "--trino-port");
        Path dir = workDir.toAbsolutePath();
        TrinoDistribution distribution = TrinoDistribution.unpackOnce(dir);
        TrinoEtc etc = TrinoEtc.writeTo(dir.resolve("etc"));
        Path dataDir = dir.resolve("data");
        Path logFile = dir.resolve("server.log");
        try {
            Files.createDirectories(dataDir);
            linkEtcIntoDataDir(dataDir, etc.dir());
        } catch (IOException e) {
            throw new StackException("cannot prepare Trino's data folder " + dataDir + ": " + e.getMessage(), e);
        }
        Path classArchive = dir.resolve("trino-server-" + TrinoDistribution.version() + ".jsa");
        ProcessBuilder builder = new ProcessBuilder(command(java, distribution, etc, dataDir, classArchive, port))
                .directory(dataDir.toFile()) // Trino writes var/log/ under its working directory, as its launcher does
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(logFile.toFile()));
        builder.environment().putAll(catalogEnv);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StackException("cannot run " + java + ": " + e.getMessage(), e);
        }
        TrinoServer server = new TrinoServer(process, port, logFile);
        try {
            server.awaitStarted();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        server.startTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("event=trino_started port={} millis={} log={}", port, server.startTime.toMillis(), logFile);
        return server;
    }

    /**
     * Trino reads etc/access-control.properties and etc/group-provider.properties (and the files they name) relative
     * to its working directory, the data folder. Trino's own launcher, as in the container, links etc/ there; so
     * do we, so the same relative paths work in both environments.
     */
    private static void linkEtcIntoDataDir(Path dataDir, Path etcDir) throws IOException {
        Path link = dataDir.resolve("etc");
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(etcDir)) {
            return;
        }
        Files.deleteIfExists(link); // a link left by an older work dir; a real folder with files there fails loudly
        Files.createSymbolicLink(link, etcDir);
    }

    private static List<String> command(Path java, TrinoDistribution distribution, TrinoEtc etc, Path dataDir,
                                        Path classArchive, int port) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(etc.jvmOptions());
        // Local only: the JVM keeps the classes it loaded in an archive at exit and maps it on the next start, which
        // cuts Trino's start-up CPU by about a third. A stale or broken archive is ignored and rewritten.
        command.add("-XX:+AutoCreateSharedArchive");
        command.add("-XX:SharedArchiveFile=" + classArchive);
        Properties node = etc.nodeProperties();
        // node.properties names the container's data folder; locally the node lives in the work dir.
        node.setProperty("node.data-dir", dataDir.toString());
        node.setProperty("node.id", "loyalty-local");
        node.stringPropertyNames().stream().sorted()
                .forEach(key -> command.add("-D" + key + "=" + node.getProperty(key)));
        // System properties win over config.properties: bind to loopback on the requested port.
        command.add("-Dhttp-server.http.port=" + port);
        command.add("-Ddiscovery.uri=http://127.0.0.1:" + port);
        command.add("-Dnode.bind-ip=127.0.0.1");
        command.add("-Dnode.internal-address=127.0.0.1");
        // One node has no peer to fail over to. Its heartbeats to itself fail while it starts (and can time out on a
        // starved CPU); the detector then drops the only worker for a while: "No nodes available to run query".
        command.add("-Dfailure-detector.enabled=false");
        command.add("-Dconfig=" + etc.configProperties());
        command.add("-Dlog.levels-file=" + etc.logProperties());
        command.add("-Dcatalog.config-dir=" + etc.catalogDir());
        command.add("-Dplugin.dir=" + distribution.plugins());
        command.add("-cp");
        command.add(distribution.lib() + "/*");
        command.add(MAIN_CLASS);
        return command;
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:trino://127.0.0.1:<port>/iceberg}: the lakehouse catalog, schema left to the query. */
    public String jdbcUrl() {
        return "jdbc:trino://127.0.0.1:" + port + "/iceberg";
    }

    public Path logFile() {
        return logFile;
    }

    /** From launching the process to {@code /v1/info} saying {@code starting=false}. */
    public Duration startTime() {
        return startTime;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy(); // SIGTERM: Trino runs its shutdown hooks
            try {
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            LOG.info("event=trino_stopped port={}", port);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or about to: nothing left to undo
        }
    }

    private void awaitStarted() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest info = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException("Trino exited during start-up (exit code " + process.exitValue() + "); see "
                        + logFile + ": " + TrinoLog.tail(logFile));
            }
            if (answersStarted(http, info) && hasActiveWorker()) {
                return;
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for Trino to start", e);
            }
        }
        throw new StackException("Trino did not finish starting on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s; see " + logFile + ": " + TrinoLog.tail(logFile));
    }

    /**
     * {@code starting=false} comes a moment before the node has announced itself as a worker; a query in between
     * fails with "No nodes available to run query". Wait until the scheduler can see the node.
     */
    private boolean hasActiveWorker() {
        try {
            QueryResult nodes = new TrinoSql(jdbcUrl(), "loyalty-launcher")
                    .query("SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'");
            return ((Number) nodes.rows().get(0).get(0)).longValue() > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean answersStarted(HttpClient http, HttpRequest info) {
        try {
            HttpResponse<String> response = http.send(info, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode starting = JSON.readTree(response.body()).get("starting");
            return starting != null && !starting.asBoolean(true);
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for Trino to start", e);
        }
    }
}
