package loyalty.ml.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loyalty clv fit}'s job, run in this JVM through {@link FitJob#run} on a generated shop export. */
class FitJobTest {
    static final LocalDate OPENING = LocalDate.of(2024, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2024, 12, 31);

    @TempDir
    static Path folder;
    static Path shop;

    /**
     * 1,500 customers acquired over the first 12 weeks of 2024 and followed to its end, from a BG/NBD in days
     * (r = 0.8, alpha = 60, a = 0.5, b = 4) with purchases of a customer-specific mean; times are floored to days,
     * so some fall on one day and merge.
     */
    @BeforeAll
    static void writeShop() throws IOException {
        JDKRandomGenerator random = new JDKRandomGenerator(42);
        GammaDistribution rates = new GammaDistribution(random, 0.8, 1 / 60.0);
        BetaDistribution dropouts = new BetaDistribution(random, 0.5, 4);
        GammaDistribution spendRates = new GammaDistribution(random, 3.74, 1 / 15.44);
        List<String> lines = new ArrayList<>(List.of("customer_id,date,amount"));
        for (int i = 0; i < 1500; i++) {
            double lambda = rates.sample();
            double p = dropouts.sample();
            GammaDistribution amounts = new GammaDistribution(random, 6.25, 1 / spendRates.sample());
            LocalDate first = OPENING.plusDays(random.nextInt(84));
            double time = 0;
            while (true) {
                LocalDate day = first.plusDays((long) time);
                if (day.isAfter(LAST_DAY)) {
                    break;
                }
                lines.add(String.format(Locale.ROOT, "m%04d,%s,%.2f", i, day, amounts.sample()));
                if (time > 0 && random.nextDouble() < p) {
                    break;
                }
                time += -Math.log(1 - random.nextDouble()) / lambda;
            }
        }
        shop = folder.resolve("shop.csv");
        Files.write(shop, lines);
    }

    record Run(int exit, String out, String err) {
    }

    static Run fit(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = FitJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fitsBothModelsPrintsThemAndWritesTheirParametersAsJson() throws IOException {
        Path json = folder.resolve("fit.json");
        Run run = fit("--transactions", shop.toString(), "--time-unit", "day", "--json", json.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode fit = new ObjectMapper().readTree(json.toFile());
        assertThat(fit.path("cutoff").asText()).isEqualTo("2024-12-31"); // the last date in the file
        assertThat(fit.path("customers").asInt()).isEqualTo(1500);
        assertThat(fit.path("time_unit").asText()).isEqualTo("day");
        JsonNode bgNbd = fit.path("bg_nbd");
        JsonNode gammaGamma = fit.path("gamma_gamma");
        assertThat(bgNbd.has("r") && bgNbd.has("alpha") && bgNbd.has("a") && bgNbd.has("b")).isTrue();
        assertThat(gammaGamma.has("p") && gammaGamma.has("q") && gammaGamma.has("gamma")).isTrue();
        assertThat(bgNbd.path("log_likelihood").isNumber()).isTrue();
        assertThat(gammaGamma.path("log_likelihood").isNumber()).isTrue();
        assertThat(bgNbd.path("standard_errors").path("alpha").isNumber()).isTrue();
        assertThat(bgNbd.path("converged").asBoolean()).isTrue();

        // the same numbers as the library on the same summaries
        List<CustomerSummary> customers = CustomerSummary.fromTransactions(TransactionsCsv.read(shop), LAST_DAY,
                TimeScale.DAY);
        BgNbd purchases = BgNbd.fit(customers).model();
        GammaGamma spend = GammaGamma.fit(customers).model();
        assertThat(bgNbd.path("alpha").asDouble()).isEqualTo(purchases.alpha());
        assertThat(gammaGamma.path("q").asDouble()).isEqualTo(spend.q());
        assertThat(bgNbd.path("log_likelihood").asDouble()).isEqualTo(purchases.logLikelihood(customers));
        assertThat(gammaGamma.path("customers").asInt()).isEqualTo(GammaGamma.fittable(customers).size());
        // and near the generating daily parameters (1,500 customers: r and alpha within about 25 %)
        assertThat(bgNbd.path("r").asDouble()).isCloseTo(0.8, within(0.2));
        assertThat(bgNbd.path("alpha").asDouble()).isCloseTo(60, within(15.0));

        // the tables hold those numbers
        assertThat(run.out()).contains("1500 customers", gammaGamma.path("customers").asInt() + " with repeat",
                "cutoff 2024-12-31", "time unit day", "fitted in");
        assertThat(run.out()).containsPattern("(?m)^model +parameter +estimate +std\\. error$");
        assertThat(run.out()).contains(row("BG/NBD", "r", bgNbd), row("", "alpha", bgNbd), row("", "a", bgNbd),
                row("", "b", bgNbd), row("Gamma-Gamma", "p", gammaGamma), row("", "q", gammaGamma),
                row("", "gamma", gammaGamma));
        assertThat(run.out()).containsPattern("(?m)^model +customers +log-likelihood +evaluations +converged$");
        assertThat(run.out()).contains(String.format(Locale.ROOT, "%-12s %10d %15.2f", "BG/NBD", 1500,
                bgNbd.path("log_likelihood").asDouble()));
        assertThat(run.out()).contains(String.format(Locale.ROOT, "%-12s %10d %15.2f", "Gamma-Gamma",
                gammaGamma.path("customers").asInt(), gammaGamma.path("log_likelihood").asDouble()));
    }

    /** A parameter's line of the first table, as printed from the JSON's value and standard error. */
    static String row(String model, String parameter, JsonNode json) {
        return String.format(Locale.ROOT, "%-12s %-10s %12.4f %12.4f%n", model, parameter,
                json.path(parameter).asDouble(), json.path("standard_errors").path(parameter).asDouble());
    }

    @Test
    void inWeeksAlphaIsADaysAlphaOverSevenAndAnEarlierCutoffDropsLaterCustomers() throws IOException {
        Path days = folder.resolve("days.json");
        Path weeks = folder.resolve("weeks.json");
        assertThat(fit("--transactions", shop.toString(), "--time-unit", "day", "--cutoff", "2024-02-15", "--json",
                days.toString()).exit()).isZero();
        assertThat(fit("--transactions", shop.toString(), "--cutoff", "2024-02-15", "--json", weeks.toString())
                .exit()).isZero();
        JsonNode inDays = new ObjectMapper().readTree(days.toFile());
        JsonNode inWeeks = new ObjectMapper().readTree(weeks.toFile());
        assertThat(inWeeks.path("time_unit").asText()).isEqualTo("week");
        assertThat(inWeeks.path("customers").asInt()).isLessThan(1500).isEqualTo(inDays.path("customers").asInt());
        double alphaDays = inDays.path("bg_nbd").path("alpha").asDouble();
        assertThat(inWeeks.path("bg_nbd").path("alpha").asDouble()).isCloseTo(alphaDays / 7, within(1e-3 * alphaDays));
    }

    @Test
    void badRowsEndTheJobWithExitOneAndTheirLineNumbers() throws IOException {
        Path bad = folder.resolve("bad.csv");
        Path json = folder.resolve("bad.json");
        Files.writeString(bad, "customer_id,date,amount\nc1,2024-01-01,10\nc1,2024-13-01,5\nc2,2024-01-02,-1\n");
        Run run = fit("--transactions", bad.toString(), "--json", json.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: " + bad + " has 2 bad rows")
                .contains("line 3: bad date '2024-13-01'", "line 4: negative amount -1");
        assertThat(json).doesNotExist();
    }

    @Test
    void wrongArgumentsAndUnfittableFilesEndTheJobWithOneSentence() throws IOException {
        assertThat(fit("--transactions", shop.toString(), "--time-unit", "month"))
                .isEqualTo(new Run(1, "", "error: --time-unit: unknown time unit 'month': use day or week.\n"));
        assertThat(fit("--transactions", shop.toString(), "--cutoff", "31/12/2024").err())
                .isEqualTo("error: --cutoff 31/12/2024 is not a date: use YYYY-MM-DD.\n");
        assertThat(fit("--cutoff", "2024-12-31").err()).isEqualTo("error: --transactions FILE.csv is required.\n");
        assertThat(fit("--transactions", shop.toString(), "--catalog-uri", "jdbc:x").err())
                .startsWith("error: unknown argument --catalog-uri; usage: --transactions FILE.csv");
        assertThat(fit("--transactions").err()).isEqualTo("error: --transactions needs a value.\n");

        Run missing = fit("--transactions", folder.resolve("none.csv").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: no transactions file");
        assertThat(fit("--transactions", shop.toString(), "--cutoff", "2023-12-31").err())
                .contains("no purchase in", "choose a later --cutoff");
        Path once = folder.resolve("once.csv");
        Files.writeString(once, "c1,2024-01-01,10\nc2,2024-01-02,5\nc2,2024-01-09,7\n");
        Run oneRepeat = fit("--transactions", once.toString());
        assertThat(oneRepeat.exit()).isEqualTo(1);
        assertThat(oneRepeat.err()).contains("Gamma-Gamma cannot be fitted: it needs at least 3 customers",
                once + " has 1.");
    }
}
