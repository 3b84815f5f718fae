package loyalty.generator.plan;

import java.time.Instant;
import loyalty.generator.people.Person;

/**
 * A reward request from the app, with what happens to it afterwards: sometimes the app sends the same request
 * again (a double tap: same redemption_id, new event), sometimes the member cancels it.
 *
 * @param estimatedAvailable what the generator estimates the member could spend then (base points, no tiers)
 * @param retryAt            a second request with the same redemption_id, or null
 * @param cancelledAt        a cancellation, or null
 */
public final class Redemption {
    private final Person person;
    private final String program;
    private final long seq;
    private final Instant at;
    private final long points;
    private final String rewardId;
    private final long estimatedAvailable;
    private final Sighting sighting;
    private final Instant retryAt;
    private final Instant cancelledAt;
    private String redemptionId;

    public Redemption(Person person, String program, long seq, Instant at, long points, String rewardId,
                      long estimatedAvailable, Sighting sighting, Instant retryAt, Instant cancelledAt) {
        this.person = person;
        this.program = program;
        this.seq = seq;
        this.at = at;
        this.points = points;
        this.rewardId = rewardId;
        this.estimatedAvailable = estimatedAvailable;
        this.sighting = sighting;
        this.retryAt = retryAt;
        this.cancelledAt = cancelledAt;
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

    public Instant at() {
        return at;
    }

    public long points() {
        return points;
    }

    public String rewardId() {
        return rewardId;
    }

    public long estimatedAvailable() {
        return estimatedAvailable;
    }

    public boolean exceedsEstimate() {
        return points > estimatedAvailable;
    }

    public Sighting sighting() {
        return sighting;
    }

    public Instant retryAt() {
        return retryAt;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public String redemptionId() {
        if (redemptionId == null) {
            throw new IllegalStateException("redemption_id not assigned yet");
        }
        return redemptionId;
    }

    void assignRedemptionId(String value) {
        redemptionId = value;
    }
}
