package loyalty.cli.maintain;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import loyalty.cli.UserError;

/** A retention typed on the command line the way Trino writes one: a whole number and d, h, m or s ("7d"). */
final class RetentionArgument {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})([dhms])");

    private RetentionArgument() {
    }

    /** @throws UserError naming the option and the accepted form */
    static Duration parse(String text, String option) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new UserError(option + " '" + text + "' is not a duration such as 7d, 12h, 30m or 0s.");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
