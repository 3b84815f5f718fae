package loyalty.stack.trino;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import loyalty.stack.StackException;
import loyalty.stack.process.Commands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Trino server with its Iceberg plugin, unpacked once from the archives Maven downloaded for runtime/stack
 * ({@code io.trino:trino-server-core:tar.gz} and {@code io.trino:trino-iceberg:zip}). The unpacked folder appears
 * under its final name only when complete, so an interrupted unpack is redone, never half used.
 */
final class TrinoDistribution {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoDistribution.class);

    private final Path home;

    private TrinoDistribution(Path home) {
        this.home = home;
    }

    static String version() {
        Properties props = new Properties();
        try (InputStream in = TrinoDistribution.class.getResourceAsStream("/loyalty/trino/trino.properties")) {
            if (in == null) {
                throw new StackException("loyalty/trino/trino.properties is missing from the classpath: rebuild"
                        + " runtime/stack.");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("trino.server.version");
    }

    /** Unpacks into {@code parent/trino-server-<version>} unless that folder is already there. */
    static TrinoDistribution unpackOnce(Path parent) {
        String version = version();
        Path home = parent.resolve("trino-server-" + version);
        if (Files.isDirectory(home.resolve("lib")) && Files.isDirectory(home.resolve("plugin/iceberg"))) {
            return new TrinoDistribution(home);
        }
        Path server = archive("trino-server-core", version, "tar.gz");
        Path iceberg = archive("trino-iceberg", version, "zip");
        long started = System.nanoTime();
        Path staging = parent.resolve(".unpacking-" + ProcessHandle.current().pid());
        try {
            deleteTree(staging);
            Files.createDirectories(staging);
            Commands.runChecked(List.of("tar", "-xzf", server.toString(), "-C", staging.toString()), null, null, 600);
            Path unpacked = staging.resolve("trino-server-core-" + version);
            unzipStrippingTopFolder(iceberg, unpacked.resolve("plugin/iceberg"));
            try {
                Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                // another process finished the same unpack first: use its copy
            }
        } catch (IOException e) {
            throw new StackException("cannot unpack Trino into " + parent + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
        LOG.info("event=trino_unpacked dir={} millis={}", home, (System.nanoTime() - started) / 1_000_000);
        return new TrinoDistribution(home);
    }

    Path home() {
        return home;
    }

    Path lib() {
        return home.resolve("lib");
    }

    Path plugins() {
        return home.resolve("plugin");
    }

    /** An archive in the local Maven repository ({@code -Dmaven.repo.local}, else {@code ~/.m2/repository}). */
    static Path archive(String artifactId, String version, String type) {
        String configured = System.getProperty("maven.repo.local");
        Path repo = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path file = repo.resolve(Path.of("io", "trino", artifactId, version, artifactId + "-" + version + "." + type));
        if (!Files.isRegularFile(file)) {
            throw new StackException("the Trino archive " + file + " is missing: build runtime/stack once with"
                    + " network access (mvn -pl runtime/stack install) so Maven downloads io.trino:" + artifactId
                    + ":" + version + ":" + type + ".");
        }
        return file;
    }

    private static void unzipStrippingTopFolder(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                String relative = slash < 0 ? "" : name.substring(slash + 1);
                if (relative.isEmpty()) {
                    continue;
                }
                Path out = target.resolve(relative).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry escapes the plugin folder: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("event=trino_cleanup_failed dir={} error={}", dir, e.getMessage());
        }
    }
}
