package loyalty.ml.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.event.MlScored;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.validation.Validation;

/**
 * Publishes member scores as {@code ml.scored} events through the contract's {@link EventPublisher} (validated,
 * to the scores input topic), so identity resolution passes them to the ledger job, which turns high churn scores
 * into CHURN_RISK nudges. The event id is a function of model, version, member and cutoff: publishing the same
 * scores again gives the same ids, which the pipeline drops as repeats. occurred_at is the cutoff, the moment
 * the score describes.
 */
public final class ScorePublisher {
    public static final String SOURCE = "spark-ml";
    /** Four decimals: finer differences mean nothing for a nudge threshold, and the text stays short. */
    static final int SCALE = 4;

    private ScorePublisher() {
    }

    /** @return how many events were accepted; a refused send makes {@link EventPublisher#flush()} throw */
    public static int publish(List<MemberScore> scores, EventPublisher publisher) {
        int accepted = 0;
        for (MemberScore s : scores) {
            Validation outcome = publisher.publish(event(s), SOURCE, s.modelId() + "/" + s.memberId());
            if (outcome instanceof Validation.Accepted) {
                accepted++;
            }
        }
        publisher.flush();
        return accepted;
    }

    public static Event event(MemberScore s) {
        BigDecimal score = BigDecimal.valueOf(Math.min(1.0, Math.max(0.0, s.score())))
                .setScale(SCALE, RoundingMode.HALF_UP);
        return Event.of(eventId(s), EventType.ML_SCORED, s.program(), s.cutoff(), SOURCE, Identifiers.NONE,
                new MlScored(s.memberId(), s.model(), s.modelVersion(), score));
    }

    static String eventId(MemberScore s) {
        return "ml-" + s.model() + "-" + s.modelVersion() + "-" + s.cutoff().getEpochSecond() + "-" + s.memberId();
    }
}
