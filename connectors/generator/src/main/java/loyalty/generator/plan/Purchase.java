package loyalty.generator.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import loyalty.generator.people.Person;

/**
 * One order. Store and app orders complete at once; web orders go through the shop's statuses (and some are
 * cancelled or still open when the period ends). Identifiers are those the channel knew, as it wrote them.
 */
public final class Purchase {
    private final Person person;
    private final String program;
    private final long seq;
    private final Channel channel;
    private final List<StatusStep> steps;
    private final BigDecimal amount;
    private final List<String> categories;
    private final Sighting sighting;
    private String orderId;

    public Purchase(Person person, String program, long seq, Channel channel, List<StatusStep> steps,
                    BigDecimal amount, List<String> categories, Sighting sighting) {
        this.person = person;
        this.program = program;
        this.seq = seq;
        this.channel = channel;
        this.steps = List.copyOf(steps);
        this.amount = amount;
        this.categories = List.copyOf(categories);
        this.sighting = sighting;
    }

    public Person person() {
        return person;
    }

    public String program() {
        return program;
    }

    public long seq() {
        return seq;
    }

    public Channel channel() {
        return channel;
    }

    public List<StatusStep> steps() {
        return steps;
    }

    public Instant placedAt() {
        return steps.get(0).at();
    }

    /** When the order reached COMPLETED, or null if it never did within the period. */
    public Instant completedAt() {
        return steps.stream().filter(s -> s.status().equals(StatusStep.COMPLETED)).map(StatusStep::at).findFirst()
                .orElse(null);
    }

    public boolean completed() {
        return completedAt() != null;
    }

    public String finalStatus() {
        return steps.get(steps.size() - 1).status();
    }

    public BigDecimal amount() {
        return amount;
    }

    public List<String> categories() {
        return categories;
    }

    public Sighting sighting() {
        return sighting;
    }

    public String orderId() {
        if (orderId == null) {
            throw new IllegalStateException("order_id not assigned yet");
        }
        return orderId;
    }

    void assignOrderId(String value) {
        orderId = value;
    }
}
