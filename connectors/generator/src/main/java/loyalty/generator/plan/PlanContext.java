package loyalty.generator.plan;

import java.time.Duration;
import java.time.Instant;
import loyalty.generator.GeneratorConfig;
import loyalty.generator.people.Person;
import loyalty.generator.random.Draw;

/** What every planner of one program needs: the config, the calendar, the program and a tie-breaking sequence. */
final class PlanContext {
    final GeneratorConfig config;
    final String program;
    final Seasonality season;
    private final long[] sequence;

    PlanContext(GeneratorConfig config, String program, Seasonality season, long[] sequence) {
        this.config = config;
        this.program = program;
        this.season = season;
        this.sequence = sequence;
    }

    /** Creation order, the tie-break of equal times: shared by all programs so it is a total order. */
    long next() {
        return sequence[0]++;
    }

    /** One person's stream for one purpose in this program. */
    Draw draw(String purpose, Person person) {
        return Draw.of(config.seed(), program + "/" + purpose, person.index());
    }

    Draw draw(String purpose, long index) {
        return Draw.of(config.seed(), program + "/" + purpose, index);
    }

    /** {@code from} plus a uniform duration in {@code [min, max]}, whole seconds. */
    static Instant after(Draw draw, Instant from, Duration min, Duration max) {
        return from.plusSeconds(min.toSeconds() + draw.below(Math.max(1, max.toSeconds() - min.toSeconds())));
    }
}
