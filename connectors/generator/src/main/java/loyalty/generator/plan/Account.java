package loyalty.generator.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import loyalty.generator.people.Person;

/**
 * A {@code customers} row over its life: inserted, changed, perhaps deleted. The crm_id is given once all accounts
 * are planned, in creation order, so ids grow with time as a real CRM's do.
 */
public final class Account {
    private final Person person;
    private final String program;
    private final long seq;
    private final Instant createdAt;
    private final CustomerState initial;
    private final List<Change> changes = new ArrayList<>();
    private Instant deletedAt;
    private Account referrer;
    private String crmId;

    /** One UPDATE: the whole row after it. */
    public record Change(Instant at, CustomerState state) {
    }

    public Account(Person person, String program, long seq, Instant createdAt, CustomerState initial) {
        this.person = person;
        this.program = program;
        this.seq = seq;
        this.createdAt = createdAt;
        this.initial = initial;
    }

    /** The true person, or null for a staff test account. */
    public Person person() {
        return person;
    }

    public String program() {
        return program;
    }

    public long seq() {
        return seq;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public CustomerState initial() {
        return initial;
    }

    public List<Change> changes() {
        return Collections.unmodifiableList(changes);
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public Account referrer() {
        return referrer;
    }

    public String crmId() {
        if (crmId == null) {
            throw new IllegalStateException("crm_id not assigned yet");
        }
        return crmId;
    }

    /** The row as it was at {@code at} (the initial row before its creation). */
    public CustomerState stateAt(Instant at) {
        CustomerState state = initial;
        for (Change c : changes) {
            if (c.at().isAfter(at)) {
                break;
            }
            state = c.state();
        }
        return state;
    }

    public CustomerState latest() {
        return changes.isEmpty() ? initial : changes.get(changes.size() - 1).state();
    }

    /** When the account joined the program, or null if it never did. */
    public Instant enrolledAt() {
        return latest().enrolled() ? latest().enrolledAt() : null;
    }

    public boolean enrolledBy(Instant at) {
        Instant enrolled = enrolledAt();
        return enrolled != null && !enrolled.isAfter(at);
    }

    void change(Instant at, CustomerState state) {
        if (at.isBefore(createdAt) || (!changes.isEmpty() && at.isBefore(changes.get(changes.size() - 1).at()))) {
            throw new IllegalArgumentException("changes must follow creation and each other");
        }
        changes.add(new Change(at, state));
    }

    void delete(Instant at) {
        deletedAt = at;
    }

    void referredBy(Account value) {
        referrer = value;
    }

    void assignCrmId(String value) {
        crmId = value;
    }
}
