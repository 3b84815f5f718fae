package loyalty.cli.ml;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import loyalty.cli.StackOptions;
import loyalty.cli.UserError;
import loyalty.cli.stack.StackState;
import loyalty.lakehouse.catalog.LakehouseConfig;

/**
 * Runs a spark-ml job ({@code loyalty.ml.…Job}) as a child JVM on spark-ml's own classpath, pointed at the running
 * local stack. Spark and Flink are not put on one classpath (their Scala, Jackson and Hadoop versions differ), so
 * the CLI does not depend on spark-ml: it reads the classpaths spark-ml's build wrote
 * ({@code spark-ml/target/classpath.txt} and {@code classpath-runtime.txt}) and the JVM options Spark needs on Java 17
 * ({@code spark-ml/spark-jvm.options}, an argument file). The child's output streams to this terminal.
 * (Depending on it would also make the build wait for spark-ml's tests before it starts the CLI's: {@code -T 2}
 * starts a module only when every module it depends on has finished.) A job that reads files and needs no stack,
 * such as the CLV fit, runs the same way without the catalog arguments ({@link #runWithoutStack}).
 */
public final class SparkJobLauncher {
    public static final String TRAIN_JOB = "loyalty.ml.models.TrainJob";
    public static final String SCORE_JOB = "loyalty.ml.scoring.ScoreJob";
    public static final String CLV_FIT_JOB = "loyalty.ml.clv.FitJob";

    private SparkJobLauncher() {
    }

    /** Runs {@code mainClass} with the running stack's catalog settings plus {@code jobArgs}; returns its exit code. */
    public static int run(StackOptions options, String heap, String mainClass, List<String> jobArgs, boolean withKafka)
            throws IOException, InterruptedException {
        StackState state = StackState.readLive(options.workspace().stateFile())
                .orElseThrow(() -> new UserError("no local stack is running in " + options.workspace().root()
                        + ": start it with './loyalty stack up' (or run './loyalty demo')."));
        return run(state.lakehouse(), withKafka ? state.kafkaBootstrap() : null, heap, mainClass, jobArgs);
    }

    /**
     * Runs {@code mainClass} on {@code lakehouse}'s catalog plus {@code jobArgs}; returns its exit code.
     *
     * @param kafkaBootstrap passed to jobs that publish (scoring), or null
     */
    public static int run(LakehouseConfig lakehouse, String kafkaBootstrap, String heap, String mainClass,
                   List<String> jobArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--catalog-uri", lakehouse.jdbcUrl(), "--catalog-user",
                lakehouse.user(), "--catalog-password", lakehouse.password(), "--warehouse", lakehouse.warehouse()));
        if (kafkaBootstrap != null) {
            args.addAll(List.of("--kafka-bootstrap", kafkaBootstrap));
        }
        args.addAll(jobArgs);
        return launch(heap, mainClass, args);
    }

    /**
     * Runs {@code mainClass} with {@code jobArgs} alone, for a job that needs no stack (no catalog arguments, and
     * none need be running); returns its exit code.
     */
    public static int runWithoutStack(String heap, String mainClass, List<String> jobArgs)
            throws IOException, InterruptedException {
        return launch(heap, mainClass, jobArgs);
    }

    /** The child JVM: spark-ml's classes and classpaths, Spark's JVM options, {@code -Xmx heap}, then the job. */
    private static int launch(String heap, String mainClass, List<String> args)
            throws IOException, InterruptedException {
        Path sparkMl = projectRoot().resolve("spark-ml");
        Path classpathFile = sparkMl.resolve("target").resolve("classpath.txt");
        Path runtimeClasspathFile = sparkMl.resolve("target").resolve("classpath-runtime.txt");
        Path classes = sparkMl.resolve("target").resolve("classes");
        Path jvmOptions = sparkMl.resolve("spark-jvm.options");
        if (!Files.isRegularFile(classpathFile) || !Files.isRegularFile(runtimeClasspathFile)
                || !Files.isDirectory(classes)) {
            throw new UserError("spark-ml is not built: run 'mvn -B -o -q package -pl spark-ml -DskipTests' in "
                    + projectRoot());
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + heap);
        command.add("@" + jvmOptions);
        command.add("-cp");
        Set<String> classpath = new LinkedHashSet<>(List.of(classes.toString()));
        for (Path file : List.of(classpathFile, runtimeClasspathFile)) {
            classpath.addAll(List.of(Files.readString(file, StandardCharsets.UTF_8).strip().split(File.pathSeparator)));
        }
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        // the driver binds loopback only, whatever the host name resolves to
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process child = builder.start();
        try {
            return child.waitFor();
        } finally {
            child.destroy();
        }
    }

    /** The checkout this CLI runs from: its classes are {@code <root>/runtime/cli/target/classes}. */
    static Path projectRoot() {
        try {
            Path classes = Path.of(SparkJobLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = classes.getParent().getParent().getParent().getParent();
            if (root == null || !Files.isDirectory(root.resolve("spark-ml"))) {
                throw new UserError("cannot find the project's spark-ml folder from " + classes
                        + ": run the CLI with ./loyalty from the checkout");
            }
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
