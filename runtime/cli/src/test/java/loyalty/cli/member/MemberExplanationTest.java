package loyalty.cli.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A ledger shaped like SPEC §12 example A (welcome, earn, redemption, return) explained lot by lot. */
class MemberExplanationTest {
    private static final Instant MARCH = Instant.parse("2026-03-01T12:00:00Z");

    private static final List<LedgerRow> EXAMPLE_A = List.of(
            lot("a1:BONUS:welcome", "BONUS", 100, "a1", "2026-01-01", "2026-01-01", "2027-01-01"),
            lot("a2:EARN", "EARN", 120, "a2", "2026-01-05", "2026-01-19", "2027-01-05"),
            use("a4:REDEEM:a1", "REDEEM", -100, "a1", "2026-01-20"),
            use("a4:REDEEM:a2", "REDEEM", -50, "a2", "2026-01-20"),
            lot("a5:EARN", "EARN", 450, "a5", "2026-02-01", "2026-02-15", "2027-02-01"),
            lot("a6:EARN", "EARN", 100, "a6", "2026-02-03", "2026-02-17", "2027-02-03"),
            use("a7:CLAWBACK:a5", "CLAWBACK", -450, "a5", "2026-02-05"));

    @Test
    void theEntriesAddUpToThePublishedBalance() {
        BalanceRow published = new BalanceRow("acme", "M-a1", 170, 0, 0, 770, 150, 0, "MEMBER", MARCH);

        MemberExplanation x = MemberExplanation.of(EXAMPLE_A, Optional.of(published), MARCH);

        assertThat(x.total()).isEqualTo(170);
        assertThat(x.pending()).isZero();
        assertThat(x.lots()).extracting(MemberExplanation.Lot::lotId, MemberExplanation.Lot::left,
                MemberExplanation.Lot::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a1", 0L, "used"),
                org.assertj.core.groups.Tuple.tuple("a2", 70L, "available"),
                org.assertj.core.groups.Tuple.tuple("a5", 0L, "used"),
                org.assertj.core.groups.Tuple.tuple("a6", 100L, "available"));
        assertThat(x.explained()).isTrue();
    }

    @Test
    void asOfAnEarlierTimeLotsStillInTheirReturnWindowArePending() {
        MemberExplanation x = MemberExplanation.of(EXAMPLE_A, Optional.empty(), Instant.parse("2026-02-10T00:00:00Z"));

        assertThat(x.total()).isEqualTo(170);
        assertThat(x.pending()).as("a6 still in its return window; a5 clawed back to 0").isEqualTo(100);
        assertThat(x.available()).isEqualTo(70);
        assertThat(MemberExplanation.of(EXAMPLE_A, Optional.empty(), Instant.parse("2026-02-04T00:00:00Z"))
                .pending()).as("a5 and a6 pending before the return").isEqualTo(550);
    }

    @Test
    void aBalanceTheEntriesDoNotAddUpToIsNotExplained() {
        BalanceRow wrong = new BalanceRow("acme", "M-a1", 175, 0, 0, 770, 150, 0, "MEMBER", MARCH);

        assertThat(MemberExplanation.of(EXAMPLE_A, Optional.of(wrong), MARCH).explained()).isFalse();
        BalanceRow wrongSplit = new BalanceRow("acme", "M-a1", 70, 100, 0, 770, 150, 0, "MEMBER", MARCH);
        assertThat(MemberExplanation.of(EXAMPLE_A, Optional.of(wrongSplit), MARCH).explained()).isFalse();
    }

    private static LedgerRow lot(String id, String type, long points, String lot, String day, String available,
                                 String expires) {
        return new LedgerRow(id, "acme", "M-a1", type, points, lot, at(day), at(available), at(expires), id,
                "v1", null, null);
    }

    private static LedgerRow use(String id, String type, long points, String lot, String day) {
        return new LedgerRow(id, "acme", "M-a1", type, points, lot, at(day), null, null, id, "v1", null, null);
    }

    private static Instant at(String day) {
        return Instant.parse(day + "T12:00:00Z");
    }
}
