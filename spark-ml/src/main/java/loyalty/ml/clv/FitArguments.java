package loyalty.ml.clv;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link FitJob}: {@code --transactions FILE.csv [--cutoff DATE] [--time-unit day|week]
 * [--json FILE]}, as {@code --name value} pairs in any order. Unlike the Spark jobs' {@code JobArguments} it takes no
 * catalog: the fit reads a file and needs no stack.
 *
 * @param cutoff null: the last date in the file
 * @param json   null: no JSON
 */
public record FitArguments(Path transactions, LocalDate cutoff, TimeScale scale, Path json) {
    static final Set<String> NAMES = Set.of("transactions", "cutoff", "time-unit", "json");

    /** @throws IllegalArgumentException naming the first unknown, missing or malformed argument, as one sentence with its full stop */
    public static FitArguments parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !NAMES.contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown argument " + name + "; usage: --transactions FILE.csv"
                        + " [--cutoff YYYY-MM-DD] [--time-unit day|week] [--json FILE].");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value.");
            }
            given.put(name.substring(2), args[i + 1]);
        }
        String transactions = given.get("transactions");
        if (transactions == null || transactions.isBlank()) {
            throw new IllegalArgumentException("--transactions FILE.csv is required.");
        }
        TimeScale scale;
        try {
            scale = TimeScale.parse(given.getOrDefault("time-unit", "week"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--time-unit: " + e.getMessage() + ".");
        }
        String json = given.get("json");
        return new FitArguments(Path.of(transactions), cutoff(given.get("cutoff")), scale,
                json == null ? null : Path.of(json));
    }

    private static LocalDate cutoff(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--cutoff " + text + " is not a date: use YYYY-MM-DD.");
        }
    }
}
