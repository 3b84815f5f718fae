package loyalty.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ProgramOptionsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 8);

    @Test
    void aPeriodRunningPastTodaySaysWhereToStartInstead() {
        GenerateCommand.ProgramOptions options = new GenerateCommand.ProgramOptions();
        options.start = LocalDate.of(2026, 1, 1);
        options.days = 365;
        assertThat(options.futureNote(TODAY)).hasValueSatisfying(note -> assertThat(note)
                .contains("runs to 2027-01-01, past today (2026-12-08)").contains("future_time")
                .contains("--start 2025-12-08"));
    }

    @Test
    void aPeriodEndingByTomorrowNeedsNoNote() {
        GenerateCommand.ProgramOptions options = new GenerateCommand.ProgramOptions();
        options.start = LocalDate.of(2026, 1, 1);
        options.days = 180;
        assertThat(options.futureNote(TODAY)).isEmpty();
        options.days = 342; // ends 2026-12-09: events of the last day are still less than a day ahead
        assertThat(options.futureNote(TODAY)).isEmpty();
    }
}
