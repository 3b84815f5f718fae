package loyalty.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import loyalty.stack.Ports;
import org.junit.jupiter.api.Test;

/**
 * CI's run of the notebooks, the way a user runs them: {@code ./loyalty demo --keep-running} leaves a stack with a
 * generated program's data up, then {@code notebooks/run.sh execute} runs every notebook headless on the Java kernel.
 * A failing cell fails nbconvert, and so this test.
 */
class NotebooksTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String STACK_UP = "the stack keeps running";

    @Test
    void everyNotebookRunsToTheEndAgainstTheDemoStack() throws Exception {
        assertThat(Path.of("/usr/bin/jupyter")).as("Jupyter (apt-get install jupyter-notebook jupyter-nbconvert"
                + " python3-ipykernel; .ci/run installs it)").exists();
        Path work = Files.createDirectories(Path.of("target", "work", "notebooks").toAbsolutePath());
        Path demoLog = work.resolve("demo.log");
        ProcessBuilder demoCommand = new ProcessBuilder(ROOT.resolve("loyalty").toString(), "demo",
                "--work", work.toString(), "--customers", "300", "--days", "120", "--seed", "5",
                "--pg-port", port(), "--kafka-port", port(), "--trino-port", port(), "--http-port", port(),
                "--api-port", port(), "--keep-running")
                .redirectErrorStream(true)
                .directory(ROOT.toFile());
        if (Files.exists(ROOT.resolve("runtime/cli/target/classpath.txt"))) {
            // the reactor has just built the CLI: the launcher need not build the project again
            demoCommand.environment().put("LOYALTY_SKIP_BUILD", "1");
        }
        Process demo = demoCommand.start();
        try {
            CompletableFuture<Boolean> up = watch(demo, demoLog);
            assertThat(up.get(20, TimeUnit.MINUTES)).as("the demo came up and kept running; see " + demoLog).isTrue();

            Path out = work.resolve("executed");
            ProcessBuilder run = new ProcessBuilder(ROOT.resolve("notebooks/run.sh").toString(), "execute",
                    out.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("notebooks.log").toFile());
            run.environment().put("LOYALTY_STACK_STATE", work.resolve("stack.json").toString());
            Process notebooks = run.start();
            assertThat(notebooks.waitFor(40, TimeUnit.MINUTES)).as("notebooks finished").isTrue();
            assertThat(notebooks.exitValue()).as(Files.readString(work.resolve("notebooks.log"))).isZero();

            List<Path> sources;
            try (Stream<Path> s = Files.list(ROOT.resolve("notebooks"))) {
                sources = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
            }
            assertThat(sources).hasSizeGreaterThanOrEqualTo(2);
            for (Path source : sources) {
                JsonNode executed = new ObjectMapper().readTree(out.resolve(source.getFileName()).toFile());
                List<String> texts = new ArrayList<>();
                int images = 0;
                for (JsonNode cell : executed.path("cells")) {
                    if (!"code".equals(cell.path("cell_type").asText())) {
                        continue;
                    }
                    assertThat(cell.path("execution_count").isNumber()).as("every cell ran").isTrue();
                    for (JsonNode output : cell.path("outputs")) {
                        assertThat(output.path("output_type").asText()).as(output.toString()).isNotEqualTo("error");
                        output.path("text").forEach(t -> texts.add(t.asText()));
                        output.path("data").path("text/plain").forEach(t -> texts.add(t.asText()));
                        if (output.path("data").has("image/png")) {
                            images++;
                        }
                    }
                }
                assertThat(images).as(source.getFileName() + " draws its charts").isGreaterThanOrEqualTo(2);
                String all = String.join("", texts);
                if (source.getFileName().toString().startsWith("01")) {
                    assertThat(all).contains("ledger total").contains("EARN");
                } else {
                    assertThat(all).contains("logistic regression").contains("recency baseline").contains("decile");
                }
            }
        } finally {
            demo.destroy(); // SIGTERM: the demo's shutdown hook stops its stack
            if (!demo.waitFor(3, TimeUnit.MINUTES)) {
                demo.destroyForcibly();
            }
        }
    }

    private static String port() {
        return String.valueOf(Ports.free());
    }

    /** Copies the demo's output to a log; completes true at the line saying the stack stays up, false at its end. */
    private static CompletableFuture<Boolean> watch(Process demo, Path log) throws IOException {
        CompletableFuture<Boolean> up = new CompletableFuture<>();
        PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log), true);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    copy.println(line);
                    if (line.contains(STACK_UP)) {
                        up.complete(true);
                    }
                }
            } catch (IOException e) {
                up.completeExceptionally(e);
            } finally {
                copy.close();
                up.complete(false);
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        return up;
    }
}
