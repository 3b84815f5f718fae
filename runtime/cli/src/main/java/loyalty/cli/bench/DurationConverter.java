package loyalty.cli.bench;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts {@code 2s}, {@code 500ms}, {@code 1 min} (Flink's notation) as well as ISO-8601 ({@code PT2S}). */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            Duration d = value.trim().toUpperCase().startsWith("P") ? Duration.parse(value.trim())
                    : TimeUtils.parseDuration(value);
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException("must be positive: " + value);
            }
            return d;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new TypeConversionException("not a duration (e.g. 2s, 500ms, PT2S): " + value);
        }
    }
}
