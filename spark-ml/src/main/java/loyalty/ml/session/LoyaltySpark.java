package loyalty.ml.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import loyalty.lakehouse.catalog.LakehouseConfig;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SparkSession of every Spark job and notebook: Iceberg SQL extensions and a catalog named
 * {@value LakehouseConfig#CATALOG_NAME} on the same JDBC catalog and warehouse that Flink writes and Trino reads,
 * so {@code loyalty.raw.events} is the same table in all three engines.
 *
 * <p>Spark keeps one session per JVM: a second call returns the running session with the catalog settings applied
 * again, but static settings (the SQL extensions, the master) stay those of the first call.
 */
public final class LoyaltySpark {
    /** Two cores on the demo box: one task per core. */
    public static final String DEFAULT_MASTER = "local[2]";
    public static final String APP_NAME = "loyalty-ml";
    /** Spark's default of 200 makes 200 tiny tasks per shuffle on a small local data set. */
    static final int LOCAL_SHUFFLE_PARTITIONS = 4;

    /**
     * The JVM options Spark needs on Java 17 (Spark 4.1's {@code JavaModuleOptions}). spark-submit adds them by
     * itself; a JVM that runs Spark in-process (tests, the CLI, a notebook kernel) must be started with them.
     */
    public static final List<String> JAVA_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /** Without these Spark fails deep in its start with an IllegalAccessError; checked up front instead. */
    private static final List<String> PACKAGES_SPARK_OPENS = List.of("java.nio", "sun.nio.ch", "java.lang.invoke",
            "java.util", "sun.util.calendar");

    private static final String CATALOG_PREFIX = "spark.sql.catalog." + LakehouseConfig.CATALOG_NAME;
    private static final Logger LOG = LoggerFactory.getLogger(LoyaltySpark.class);

    private LoyaltySpark() {
    }

    /** A session on {@value #DEFAULT_MASTER}. */
    public static SparkSession session(LakehouseConfig config) {
        return session(config, DEFAULT_MASTER);
    }

    /**
     * @param master a Spark master URL, or null to take the one spark-submit set ({@code spark.master}), else
     *               {@value #DEFAULT_MASTER}
     * @throws IllegalStateException when the JVM lacks the options of {@link #JAVA_OPTIONS}
     */
    public static SparkSession session(LakehouseConfig config, String master) {
        Objects.requireNonNull(config, "config");
        requireJavaOptions();
        String effectiveMaster = master != null ? master : System.getProperty("spark.master", DEFAULT_MASTER);
        SparkSession.Builder builder = SparkSession.builder().appName(APP_NAME).master(effectiveMaster);
        settings(config, effectiveMaster).forEach(builder::config);
        long start = System.nanoTime();
        SparkSession spark = builder.getOrCreate();
        LOG.info("event=spark_session_ready master={} catalog={} catalog_uri={} warehouse={} millis={}",
                effectiveMaster, LakehouseConfig.CATALOG_NAME, config.jdbcUrl(), config.warehouse(),
                (System.nanoTime() - start) / 1_000_000);
        return spark;
    }

    /**
     * Every setting {@link #session} gives the session, e.g. to pass as {@code --conf} to spark-submit or
     * spark-shell. Holds the catalog password: do not log it.
     */
    public static Map<String, String> settings(LakehouseConfig config, String master) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        s.put(CATALOG_PREFIX, "org.apache.iceberg.spark.SparkCatalog");
        s.put(CATALOG_PREFIX + ".type", "jdbc");
        // the same properties the Lakehouse (and Flink's catalog loader) use: one definition of the catalog
        config.catalogProperties().forEach((key, value) -> s.put(CATALOG_PREFIX + "." + key, value));
        // Flink commits to these tables all the time; a cached table would hide its commits for up to 30 s.
        s.put(CATALOG_PREFIX + ".cache-enabled", "false");
        // occurred_at is UTC (SPEC §1): days and displayed times must not follow the host's zone.
        s.put("spark.sql.session.timeZone", "UTC");
        // timestamps come back as Instant, not java.sql.Timestamp
        s.put("spark.sql.datetime.java8API.enabled", "true");
        s.put("spark.ui.enabled", "false");
        s.put("spark.ui.showConsoleProgress", "false");
        s.put("spark.log.level", "WARN");
        // plain log lines like the rest of the platform, not Spark 4's JSON default
        s.put("spark.log.structuredLogging.enabled", "false");
        if (master != null && master.startsWith("local")) {
            s.put("spark.sql.shuffle.partitions", String.valueOf(LOCAL_SHUFFLE_PARTITIONS));
            s.put("spark.driver.host", "127.0.0.1");
            s.put("spark.driver.bindAddress", "127.0.0.1");
        }
        return s;
    }

    static void requireJavaOptions() {
        Module javaBase = Object.class.getModule();
        Module self = LoyaltySpark.class.getModule();
        List<String> closed = PACKAGES_SPARK_OPENS.stream().filter(p -> !javaBase.isOpen(p, self)).toList();
        if (!closed.isEmpty()) {
            throw new IllegalStateException("Spark cannot run in this JVM: java.base does not open " + closed
                    + " to the application. Start java with Spark's options (spark-ml/README.md): "
                    + String.join(" ", JAVA_OPTIONS));
        }
    }
}
