package loyalty.cli.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import loyalty.cli.LoyaltyCommand;
import loyalty.cli.OneLineErrors;
import loyalty.ml.clv.BgNbd;
import loyalty.ml.clv.CustomerSummary;
import loyalty.ml.clv.GammaGamma;
import loyalty.ml.clv.TimeScale;
import loyalty.ml.clv.TransactionsCsv;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loyalty clv fit} on a generated shop export: no stack, no Spark. */
class FitClvCommandTest {
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

    static Run loyalty(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        LoyaltyCommand root = new LoyaltyCommand();
        picocli.CommandLine command = new picocli.CommandLine(root).setExecutionExceptionHandler(new OneLineErrors());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void fitsBothModelsPrintsThemAndWritesTheirParametersAsJson() throws IOException {
        Path json = folder.resolve("fit.json");
        Run run = loyalty("clv", "fit", "--transactions", shop.toString(), "--time-unit", "day", "--json",
                json.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("1500 customers", "cutoff 2024-12-31", "time unit day", "BG/NBD", "alpha",
                "Gamma-Gamma", "gamma", "log-likelihood", "std. error");
        JsonNode fit = new ObjectMapper().readTree(json.toFile());
        assertThat(fit.path("cutoff").asText()).isEqualTo("2024-12-31"); // the last date in the file
        assertThat(fit.path("customers").asInt()).isEqualTo(1500);
        JsonNode bgNbd = fit.path("bg_nbd");
        JsonNode gammaGamma = fit.path("gamma_gamma");
        assertThat(bgNbd.has("r") && bgNbd.has("alpha") && bgNbd.has("a") && bgNbd.has("b")).isTrue();
        assertThat(gammaGamma.has("p") && gammaGamma.has("q") && gammaGamma.has("gamma")).isTrue();
        assertThat(bgNbd.path("log_likelihood").isNumber()).isTrue();
        assertThat(gammaGamma.path("log_likelihood").isNumber()).isTrue();
        assertThat(bgNbd.path("converged").asBoolean()).isTrue();

        // the same numbers as the library on the same summaries
        List<CustomerSummary> customers = CustomerSummary.fromTransactions(TransactionsCsv.read(shop), LAST_DAY,
                TimeScale.DAY);
        BgNbd purchases = BgNbd.fit(customers).model();
        GammaGamma spend = GammaGamma.fit(customers).model();
        assertThat(bgNbd.path("alpha").asDouble()).isEqualTo(purchases.alpha());
        assertThat(gammaGamma.path("q").asDouble()).isEqualTo(spend.q());
        assertThat(bgNbd.path("log_likelihood").asDouble()).isEqualTo(purchases.logLikelihood(customers));
        // and near the generating daily parameters (1,500 customers: r and alpha within about 25 %)
        assertThat(bgNbd.path("r").asDouble()).isCloseTo(0.8, within(0.2));
        assertThat(bgNbd.path("alpha").asDouble()).isCloseTo(60, within(15.0));
    }

    @Test
    void inWeeksAlphaIsADaysAlphaOverSevenAndAnEarlierCutoffDropsLaterCustomers() throws IOException {
        Path days = folder.resolve("days.json");
        Path weeks = folder.resolve("weeks.json");
        assertThat(loyalty("clv", "fit", "--transactions", shop.toString(), "--time-unit", "day", "--cutoff",
                "2024-02-15", "--json", days.toString()).exit()).isZero();
        assertThat(loyalty("clv", "fit", "--transactions", shop.toString(), "--cutoff", "2024-02-15", "--json",
                weeks.toString()).exit()).isZero();
        JsonNode inDays = new ObjectMapper().readTree(days.toFile());
        JsonNode inWeeks = new ObjectMapper().readTree(weeks.toFile());
        assertThat(inWeeks.path("time_unit").asText()).isEqualTo("week");
        assertThat(inWeeks.path("customers").asInt()).isLessThan(1500).isEqualTo(inDays.path("customers").asInt());
        double alphaDays = inDays.path("bg_nbd").path("alpha").asDouble();
        assertThat(inWeeks.path("bg_nbd").path("alpha").asDouble()).isCloseTo(alphaDays / 7, within(1e-3 * alphaDays));
    }

    @Test
    void badRowsEndTheCommandWithTheirLineNumbers() throws IOException {
        Path bad = folder.resolve("bad.csv");
        Files.writeString(bad, "customer_id,date,amount\nc1,2024-01-01,10\nc1,2024-13-01,5\nc2,2024-01-02,-1\n");
        Run run = loyalty("clv", "fit", "--transactions", bad.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: " + bad + " has 2 bad rows", "line 3: bad date '2024-13-01'",
                "line 4: negative amount -1");

        assertThat(loyalty("clv", "fit", "--transactions", shop.toString(), "--time-unit", "month").err())
                .contains("error: --time-unit: unknown time unit 'month': use day or week.");
        assertThat(loyalty("clv", "fit", "--transactions", folder.resolve("none.csv").toString()).err())
                .contains("error: no transactions file");
        assertThat(loyalty("clv", "fit", "--transactions", shop.toString(), "--cutoff", "2023-12-31").err())
                .contains("no purchase in", "choose a later --cutoff");
    }
}
