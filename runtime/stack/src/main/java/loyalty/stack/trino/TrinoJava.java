package loyalty.stack.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a JDK that can run Trino. Trino 476 refuses to start below Java 24 while the rest of the platform builds for
 * Java 17, so Trino runs on a second JDK: the one named by {@value #JAVA_HOME_ENV}, else the newest one under
 * {@code /usr/lib/jvm} whose {@code release} file says Java 24 or newer.
 */
final class TrinoJava {
    static final String JAVA_HOME_ENV = "LOYALTY_TRINO_JAVA_HOME";
    static final int MIN_VERSION = 24;
    private static final Path JVM_ROOT = Path.of("/usr/lib/jvm");
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"?(\\d+)(?:\\.(\\d+))?");
    private static final Logger LOG = LoggerFactory.getLogger(TrinoJava.class);

    private TrinoJava() {
    }

    /** The {@code java} executable to run Trino with, if this machine has a recent enough JDK. */
    static Optional<Path> find() {
        String configured = System.getenv(JAVA_HOME_ENV);
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            if (isUsable(home)) {
                return Optional.of(home.resolve("bin/java"));
            }
            LOG.warn("event=trino_java_ignored {}={} reason=not_a_java_{}_plus_home", JAVA_HOME_ENV, configured,
                    MIN_VERSION);
        }
        if (!Files.isDirectory(JVM_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVM_ROOT)) {
            return homes.filter(TrinoJava::isUsable)
                    .max(Comparator.comparingInt(home -> majorVersion(home).orElse(0)))
                    .map(home -> home.resolve("bin/java"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String missingMessage() {
        return "Trino 476 needs Java " + MIN_VERSION + " or newer; none found under " + JVM_ROOT
                + ": install one (e.g. Temurin 25) or set " + JAVA_HOME_ENV;
    }

    private static boolean isUsable(Path home) {
        return Files.isExecutable(home.resolve("bin/java"))
                && majorVersion(home).orElse(0) >= MIN_VERSION;
    }

    /** The major version from the JDK's {@code release} file; "1.8.0_402" counts as 8. */
    static OptionalInt majorVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return OptionalInt.empty();
        }
        try (Stream<String> lines = Files.lines(release)) {
            return lines.map(JAVA_VERSION::matcher)
                    .filter(Matcher::find)
                    .mapToInt(m -> {
                        int first = Integer.parseInt(m.group(1));
                        return first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first;
                    })
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }
}
