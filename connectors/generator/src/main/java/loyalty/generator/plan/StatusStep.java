package loyalty.generator.plan;

import java.time.Instant;

/** An order status the web shop wrote, and when: the first step is the INSERT, the others UPDATEs. */
public record StatusStep(String status, Instant at) {
    public static final String PLACED = "PLACED";
    public static final String PAID = "PAID";
    public static final String COMPLETED = "COMPLETED";
    public static final String CANCELLED = "CANCELLED";
}
