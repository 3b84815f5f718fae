package loyalty.ledger.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import loyalty.ledger.rules.RuleSet;

/**
 * SPEC §4 and §13.12 birthday bonus: at 00:00 UTC on the birthday (29 February → 28 February in other years), at
 * most once per calendar year, never at or before the enrolment instant; a changed birth date reschedules, and a
 * birthday that passed before the change is not paid that year.
 */
final class Birthdays {
    private Birthdays() {
    }

    /** The next birthday instant after {@code after} for this member, or null when none is due. */
    static Instant next(MemberLedger m, Instant after) {
        if (m.birthDate == null || m.enrolledAt == null) {
            return null;
        }
        Instant from = MemberLedger.max(after, m.enrolledAt);
        int year = from.atOffset(ZoneOffset.UTC).getYear();
        for (int y = year; y <= year + 1; y++) {
            Instant at = in(m.birthDate, y);
            if (at.isAfter(from) && !m.birthdayYears.contains(y)) {
                return at;
            }
        }
        return null;
    }

    static void pay(MemberLedger m, Instant at, RuleSet rs, LedgerStep step) {
        int year = at.atOffset(ZoneOffset.UTC).getYear();
        m.birthdayYears.add(year);
        m.birthdayCheckedUpTo = at;
        m.birthdayYears.removeIf(y -> y < year - 1);
        long points = rs.bonuses().birthday();
        if (points <= 0) {
            return;
        }
        String id = "birthday:" + m.memberId + ":" + year;
        Lot lot = m.newLot(id, EntryType.BONUS, points, at, at, rs, id);
        step.add(m.entry(id + ":BONUS", EntryType.BONUS, points, lot, at, id, rs.version(), List.of(), "birthday"));
        m.lifetimeEarned += points;
        m.settleDebt(lot);
    }

    static Instant in(LocalDate birthDate, int year) {
        boolean feb29 = birthDate.getMonthValue() == 2 && birthDate.getDayOfMonth() == 29;
        LocalDate day = feb29 && !Year.isLeap(year) ? LocalDate.of(year, 2, 28)
                : LocalDate.of(year, birthDate.getMonthValue(), birthDate.getDayOfMonth());
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
