package loyalty.ml.scoring;

import java.time.Instant;

/** One row of {@code ml.member_scores}. */
public record MemberScore(String program, String memberId, String model, String modelVersion, double score,
                          Instant scoredAt, Instant cutoff, String modelId) {
}
