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
 * A failing cell fails nbconvert, and so this test. The same live stack also serves the model commands as a user
 * runs them: the demo's own training ({@code loyalty train --quick}) must have registered every model beside its
 * baseline, and {@code ./loyalty score} then scores the members from the newest churn model.
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
                "--api-port", port(), "--summary-json", work.resolve("summary.json").toString(), "--keep-running")
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

            assertModelsTrainedBesideTheirBaseline(work.resolve("summary.json"));

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

            // last: the scores' events move the ledger's event time on, and the notebooks read the data the demo left
            // (the demo just built the CLI, so the launcher need not check for a build)
            Path scoreLog = work.resolve("score.log");
            ProcessBuilder score = new ProcessBuilder(ROOT.resolve("loyalty").toString(), "score", "--work",
                    work.toString()).redirectErrorStream(true).redirectOutput(scoreLog.toFile())
                    .directory(ROOT.toFile());
            score.environment().put("LOYALTY_SKIP_BUILD", "1");
            Process scoring = score.start();
            assertThat(scoring.waitFor(10, TimeUnit.MINUTES)).as("scoring finished").isTrue();
            assertThat(scoring.exitValue()).as(Files.readString(scoreLog)).isZero();
            assertThat(Files.readString(scoreLog)).containsPattern("model churn version \\d+-\\w+ \\(.+\\), cutoff .+:"
                    + " [1-9]\\d* members scored, [1-9]\\d* ml.scored events published");
        } finally {
            demo.destroy(); // SIGTERM: the demo's shutdown hook stops its stack
            if (!demo.waitFor(3, TimeUnit.MINUTES)) {
                demo.destroyForcibly();
            }
        }
    }

    /** Churn and propensity, each as recency baseline, logistic regression and GBT, with holdout metrics. */
    private static void assertModelsTrainedBesideTheirBaseline(Path summaryFile) throws IOException {
        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        JsonNode models = summary.path("models");
        assertThat(models.isObject()).as("the summary's models: %s", models).isTrue();
        List<String> columns = new ArrayList<>();
        models.path("columns").forEach(c -> columns.add(c.asText()));
        List<String> trained = new ArrayList<>();
        for (JsonNode row : models.path("rows")) {
            trained.add(row.get(columns.indexOf("model")).asText() + "/" + row.get(columns.indexOf("kind")).asText());
            double auc = row.get(columns.indexOf("auc_roc")).asDouble();
            assertThat(auc).as("holdout AUC-ROC of %s", row).isBetween(0.0, 1.0);
        }
        assertThat(trained).containsExactlyInAnyOrder("churn/recency_baseline", "churn/logistic_regression",
                "churn/gbt", "propensity/recency_baseline", "propensity/logistic_regression", "propensity/gbt");
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
