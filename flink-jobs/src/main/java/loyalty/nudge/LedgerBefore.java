package loyalty.nudge;

import loyalty.ledger.core.MemberLedger;

/** The member's ledger as it stood before a step: what WELCOME and REWARD_UNLOCKED compare the step's result with. */
public record LedgerBefore(boolean enrolled, long available) {

    /** Available is taken at the ledger's own clock (nothing before the member's first step). */
    public static LedgerBefore of(MemberLedger ledger) {
        return new LedgerBefore(ledger.enrolledAt != null,
                ledger.clock == null ? 0 : ledger.balance(ledger.clock).available());
    }
}
