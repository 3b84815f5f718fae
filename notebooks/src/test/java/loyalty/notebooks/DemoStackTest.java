package loyalty.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import loyalty.stack.Ports;
import loyalty.stack.postgres.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform as a user runs it, on one demo stack: {@code ./loyalty demo --keep-running} generates a program,
 * runs it through the real components (CDC and feeds → Kafka → Flink → Iceberg → Trino), trains the models, and
 * leaves the stack up. Against that stack this test checks the pipeline against the generator's manifest (which the
 * pipeline never reads), the serving tables and the balance API, the trained models, then runs every notebook headless
 * on the Java kernel (a failing cell fails nbconvert, and so this test), and last {@code ./loyalty score}. It lives in
 * the last module of the build because the demo needs the CLI and the training needs spark-ml; one demo run serves
 * all of it, because a demo run is the longest part of the test command.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoStackTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String STACK_UP = "the stack keeps running";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static Process demo;
    private static int pgPort;
    private static int apiPort;
    private static JsonNode summary;

    @BeforeAll
    static void startTheDemoAndKeepItRunning() throws Exception {
        work = Files.createDirectories(Path.of("target", "work", "notebooks").toAbsolutePath());
        pgPort = Ports.free();
        apiPort = Ports.free();
        Path demoLog = work.resolve("demo.log");
        ProcessBuilder demoCommand = new ProcessBuilder(ROOT.resolve("loyalty").toString(), "demo",
                "--work", work.toString(), "--customers", "300", "--days", "120", "--seed", "5",
                "--pg-port", String.valueOf(pgPort), "--kafka-port", port(), "--trino-port", port(),
                "--http-port", port(), "--api-port", String.valueOf(apiPort),
                "--summary-json", work.resolve("summary.json").toString(), "--keep-running")
                .redirectErrorStream(true)
                .directory(ROOT.toFile());
        if (Files.exists(ROOT.resolve("runtime/cli/target/classpath.txt"))) {
            // the reactor has just built the CLI: the launcher need not build the project again
            demoCommand.environment().put("LOYALTY_SKIP_BUILD", "1");
        }
        demo = demoCommand.start();
        CompletableFuture<Boolean> up = watch(demo, demoLog);
        assertThat(up.get(20, TimeUnit.MINUTES)).as("the demo came up and kept running; see " + demoLog).isTrue();
        summary = JSON.readTree(work.resolve("summary.json").toFile());
    }

    @AfterAll
    static void stopTheDemo() throws InterruptedException {
        if (demo != null) {
            demo.destroy(); // SIGTERM: the demo's shutdown hook stops its stack
            if (!demo.waitFor(3, TimeUnit.MINUTES)) {
                demo.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void everyGeneratedEventLandsInIcebergOnceAndEveryPlantedFaultIsDeadLettered() throws Exception {
        JsonNode manifest = JSON.readTree(work.resolve("demo/generated/manifest.json").toFile());
        Map<String, JsonNode> rows = new HashMap<>();
        summary.get("sources").forEach(r -> rows.put(r.get("source").asText(), r));
        assertThat(rows).containsOnlyKeys("cdc", "pos", "web", "app");
        manifest.get("sources").fields().forEachRemaining(e -> {
            JsonNode expected = e.getValue();
            JsonNode actual = rows.get(e.getKey());
            assertThat(actual.get("rows_in_iceberg").asLong()).as(e.getKey() + " rows")
                    .isEqualTo(expected.get("valid").asLong());
            assertThat(actual.get("duplicates_dropped").asLong()).as(e.getKey() + " duplicates")
                    .isEqualTo(expected.get("duplicates").asLong());
            long expectedDead = 0;
            for (JsonNode n : expected.get("invalid")) {
                expectedDead += n.asLong();
            }
            long dead = 0;
            for (JsonNode n : actual.get("dead_letters")) {
                dead += n.asLong();
            }
            assertThat(dead).as(e.getKey() + " dead letters").isEqualTo(expectedDead);
        });
        assertThat(rows.get("cdc").get("rows_in_iceberg").asLong()).isPositive();
        assertThat(summary.get("rows_in_iceberg").asLong()).isEqualTo(manifest.get("totals").get("valid").asLong())
                .isEqualTo(summary.get("distinct_event_ids_in_iceberg").asLong());
        assertThat(summary.get("all_match").asBoolean()).isTrue();
        assertThat(summary.get("counted_by").asText()).isEqualTo("Trino");

        // Identity: every event resolved once or dead-lettered, the clusters match the ground truth, and the
        // identity tables read through Trino hold every profile and every merge.
        JsonNode identity = summary.get("identity");
        assertThat(identity.get("events_resolved").asLong() + identity.get("dead_lettered").asLong())
                .isEqualTo(manifest.get("totals").get("valid").asLong());
        assertThat(identity.get("members_created").asLong()).isPositive();
        assertThat(identity.get("merges").asLong()).as("planted duplicate accounts merge").isPositive();
        assertThat(identity.get("quality").get("precision").asDouble()).isGreaterThanOrEqualTo(0.999);
        assertThat(identity.get("quality").get("linkable_recall").asDouble()).isGreaterThanOrEqualTo(0.95);
        JsonNode tables = identity.get("tables");
        long memberRows = tables.path("members.ACTIVE").asLong() + tables.path("members.PROSPECT").asLong()
                + tables.path("members.MERGED").asLong();
        assertThat(memberRows).isEqualTo(identity.get("members_created").asLong());
        assertThat(tables.path("members.MERGED").asLong()).isEqualTo(identity.get("merges").asLong());
        assertThat(tables.path("events.identity.merged").asLong()).isEqualTo(identity.get("merges").asLong());
        assertThat(tables.path("events.identity.conflict").asLong()).isEqualTo(identity.get("conflicts").asLong());

        // Ledger: every entry in Iceberg adds up to the balances served (SPEC §11, program-wide).
        JsonNode ledger = summary.get("ledger");
        assertThat(ledger.get("ledger_matches_balances").asBoolean()).isTrue();
        assertThat(ledger.get("entries_by_type").get("EARN").get(1).asLong()).isPositive();
        assertThat(ledger.get("members").asLong()).isEqualTo(identity.get("members_created").asLong());

        // Nudges (SPEC §10): every enrolment triggers a WELCOME; about 10% of members are the holdout group.
        Map<String, Map<String, Long>> nudges = rowsByFirstColumn(summary.get("nudges"));
        assertThat(nudges.get("WELCOME").get("delivered")).isPositive();
        assertThat(nudges.get("WELCOME").get("holdout")).isPositive();
        assertThat(nudges.get("WELCOME").get("total")).as("one per enrolment")
                .isLessThanOrEqualTo(tables.path("members.ACTIVE").asLong() + tables.path("members.MERGED").asLong());

        // The summary ends with the KPI table read from Trino's kpi.program_summary view.
        JsonNode kpis = summary.get("kpis");
        assertThat(kpis.get("rows")).hasSize(1);
        Map<String, String> acme = new HashMap<>();
        for (int i = 0; i < kpis.get("columns").size(); i++) {
            acme.put(kpis.get("columns").get(i).asText(), kpis.get("rows").get(0).get(i).asText());
        }
        assertThat(acme.get("members")).as("enrolled members, not merged away")
                .isEqualTo(String.valueOf(tables.path("members.ACTIVE").asLong()));
        assertThat(Double.parseDouble(acme.get("active_rate"))).isBetween(0.0, 1.0).isPositive();
    }

    /**
     * The serving tables the jobs keep in PostgreSQL (flushed before each checkpoint, so before Iceberg commits it)
     * hold the ledger Trino counted, and the running stack's balance API finds a member by an email typed in capitals.
     */
    @Test
    @Order(2)
    void theServingTablesHoldTheLedgerAndTheBalanceApiFindsAMemberByAnyIdentifier() throws Exception {
        JsonNode ledger = summary.get("ledger");
        long entries = 0;
        for (JsonNode countAndPoints : ledger.get("entries_by_type")) {
            entries += countAndPoints.get(0).asLong();
        }
        String program;
        String email;
        String member;
        long available;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/"
                + PostgresCluster.SHOP_DB, PostgresCluster.USER, PostgresCluster.PASSWORD);
             Statement s = c.createStatement()) {
            ResultSet totals = s.executeQuery("SELECT count(*), coalesce(sum(available + pending), 0),"
                    + " (SELECT count(*) FROM serving.ledger_entries) FROM serving.balances");
            totals.next();
            assertThat(totals.getLong(1)).as("members in serving.balances").isEqualTo(ledger.get("members").asLong());
            assertThat(totals.getLong(2)).as("serving balances = the ledger in Iceberg")
                    .isEqualTo(ledger.get("ledger_total").asLong());
            assertThat(totals.getLong(3)).as("serving.ledger_entries").isEqualTo(entries);
            ResultSet one = s.executeQuery("SELECT b.program, i.value, b.member_id, b.available"
                    + " FROM serving.identifiers i JOIN serving.balances b USING (program, member_id)"
                    + " WHERE i.kind = 'email' AND b.available > 0 ORDER BY b.available DESC, i.value LIMIT 1");
            assertThat(one.next()).as("a member with points and an email").isTrue();
            program = one.getString(1);
            email = one.getString(2);
            member = one.getString(3);
            available = one.getLong(4);
        }
        String url = "http://127.0.0.1:" + apiPort + "/programs/" + program + "/lookup?email="
                + URLEncoder.encode(email.toUpperCase(Locale.ROOT), StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("member_id").asText()).isEqualTo(member);
        assertThat(body.path("balance").path("available").asLong()).isEqualTo(available);
    }

    /**
     * Before scoring, which moves the ledger on: a refresh keeps what the views show. The summary read from its
     * snapshot table is the summary the view computes, to the digit.
     */
    @Test
    @Order(3)
    void aKpiRefreshKeepsTheFiguresTheViewsShowAsTablesForDashboards() throws Exception {
        String refreshed = loyalty("kpi-refresh", "kpi", "refresh", "--work", work.toString());
        assertThat(refreshed).contains("member_activity", "nudge_lift", "program_summary").doesNotContain("failed");
        String live = loyalty("kpi-show", "kpi", "show", "--work", work.toString());
        String kept = loyalty("kpi-show-snapshot", "kpi", "show", "--snapshot", "--work", work.toString());
        assertThat(live).contains("active_rate", "liability_money", "(1 row)");
        assertThat(kept).isEqualTo(live);
    }

    /** The demo's own training: churn and propensity, each as recency baseline, logistic regression and GBT. */
    @Test
    @Order(4)
    void theDemoTrainedEveryModelBesideItsBaseline() {
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

    @Test
    @Order(5)
    void everyNotebookRunsToTheEndAgainstTheDemoStack() throws Exception {
        assertThat(Path.of("/usr/bin/jupyter")).as("Jupyter (apt-get install jupyter-notebook jupyter-nbconvert"
                + " python3-ipykernel; ./loyalty test installs it)").exists();
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
            JsonNode executed = JSON.readTree(out.resolve(source.getFileName()).toFile());
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
    }

    /** Last: the scores' events move the ledger's event time on, and the notebooks read the data the demo left. */
    @Test
    @Order(6)
    void scoringFromTheNewestChurnModelPublishesScoreEvents() throws Exception {
        assertThat(loyalty("score", "score", "--work", work.toString()))
                .containsPattern("model churn version \\d+-\\w+ \\(.+\\), cutoff .+:"
                        + " [1-9]\\d* members scored, [1-9]\\d* ml.scored events published");
    }

    /** Runs {@code ./loyalty args} against the demo's stack; returns its output once it has exited with code 0. */
    private static String loyalty(String log, String... args) throws Exception {
        Path output = work.resolve(log + ".log");
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("loyalty").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).directory(ROOT.toFile());
        builder.environment().put("LOYALTY_SKIP_BUILD", "1"); // the demo has just built (or found) the CLI
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(String.join(" ", args) + " finished").isTrue();
        String text = Files.readString(output);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    /** A {@code QueryResult} as JSON ({columns, rows}) keyed by its first column, then by column name. */
    private static Map<String, Map<String, Long>> rowsByFirstColumn(JsonNode result) {
        Map<String, Map<String, Long>> byKey = new HashMap<>();
        for (JsonNode row : result.get("rows")) {
            Map<String, Long> values = new HashMap<>();
            for (int i = 1; i < result.get("columns").size(); i++) {
                values.put(result.get("columns").get(i).asText(), row.get(i).asLong());
            }
            byKey.put(row.get(0).asText(), values);
        }
        return byKey;
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
