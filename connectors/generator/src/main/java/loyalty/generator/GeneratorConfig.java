package loyalty.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to generate. Everything the generator makes is a pure function of this record.
 *
 * @param seed           the one source of randomness
 * @param program        the program id of every event and row (SPEC §2 pattern)
 * @param customers      people in the population
 * @param startDate      first day of the period (UTC)
 * @param days           length of the period
 * @param returnRate     share of completed orders that are returned (SPEC target ~8%)
 * @param malformedRate  share of planted malformed lines per feed (at least one of each kind is always planted)
 * @param redeliveryRate share of valid feed lines delivered twice
 * @param secondProgram  an optional second brand, sharing part of the population (multi-brand)
 */
public record GeneratorConfig(long seed, String program, int customers, LocalDate startDate, int days,
                              double returnRate, double malformedRate, double redeliveryRate,
                              Optional<String> secondProgram) {
    public static final String DEFAULT_PROGRAM = "acme";
    public static final int DEFAULT_CUSTOMERS = 2_000;
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 1);
    public static final int DEFAULT_DAYS = 180;
    private static final Pattern PROGRAM = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    public GeneratorConfig {
        requireProgram(program);
        Objects.requireNonNull(startDate, "startDate");
        secondProgram = secondProgram == null ? Optional.empty() : secondProgram;
        secondProgram.ifPresent(GeneratorConfig::requireProgram);
        if (secondProgram.filter(program::equals).isPresent()) {
            throw new IllegalArgumentException("the second program must differ from the first: " + program);
        }
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, got " + customers);
        }
        if (days < 7 || days > 3_660) {
            throw new IllegalArgumentException("days must be between 7 and 3660, got " + days);
        }
        requireShare("returnRate", returnRate);
        requireShare("malformedRate", malformedRate);
        requireShare("redeliveryRate", redeliveryRate);
    }

    public static GeneratorConfig defaults(long seed) {
        return new GeneratorConfig(seed, DEFAULT_PROGRAM, DEFAULT_CUSTOMERS, DEFAULT_START, DEFAULT_DAYS,
                0.08, 0.005, 0.01, Optional.empty());
    }

    public GeneratorConfig withProgram(String value) {
        return new GeneratorConfig(seed, value, customers, startDate, days, returnRate, malformedRate,
                redeliveryRate, secondProgram);
    }

    public GeneratorConfig withCustomers(int value) {
        return new GeneratorConfig(seed, program, value, startDate, days, returnRate, malformedRate,
                redeliveryRate, secondProgram);
    }

    public GeneratorConfig withPeriod(LocalDate start, int length) {
        return new GeneratorConfig(seed, program, customers, start, length, returnRate, malformedRate,
                redeliveryRate, secondProgram);
    }

    public GeneratorConfig withSecondProgram(String value) {
        return new GeneratorConfig(seed, program, customers, startDate, days, returnRate, malformedRate,
                redeliveryRate, Optional.ofNullable(value));
    }

    public GeneratorConfig withFaultRates(double malformed, double redelivery) {
        return new GeneratorConfig(seed, program, customers, startDate, days, returnRate, malformed, redelivery,
                secondProgram);
    }

    public GeneratorConfig withReturnRate(double value) {
        return new GeneratorConfig(seed, program, customers, startDate, days, value, malformedRate,
                redeliveryRate, secondProgram);
    }

    public Instant periodStart() {
        return startDate.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Exclusive end of the period. */
    public Instant periodEnd() {
        return startDate.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static void requireProgram(String value) {
        if (value == null || !PROGRAM.matcher(value).matches()) {
            throw new IllegalArgumentException("program must match " + PROGRAM.pattern() + ", got " + value);
        }
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }
}
