package loyalty.generator.plan;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A return of (part of) a purchase. A linked return names the order; an unlinked one (no receipt) only names the
 * customer, by whatever identifiers the desk or till took.
 */
public final class Refund {
    private final Purchase purchase;
    private final long seq;
    private final Instant at;
    private final BigDecimal amount;
    private final boolean linked;
    private final Sighting sighting;
    private String returnId;

    public Refund(Purchase purchase, long seq, Instant at, BigDecimal amount, boolean linked, Sighting sighting) {
        this.purchase = purchase;
        this.seq = seq;
        this.at = at;
        this.amount = amount;
        this.linked = linked;
        this.sighting = sighting;
    }

    public Purchase purchase() {
        return purchase;
    }

    public long seq() {
        return seq;
    }

    public Instant at() {
        return at;
    }

    public BigDecimal amount() {
        return amount;
    }

    public boolean linked() {
        return linked;
    }

    public Sighting sighting() {
        return sighting;
    }

    public String returnId() {
        if (returnId == null) {
            throw new IllegalStateException("return_id not assigned yet");
        }
        return returnId;
    }

    void assignReturnId(String value) {
        returnId = value;
    }
}
