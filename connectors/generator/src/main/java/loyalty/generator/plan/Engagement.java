package loyalty.generator.plan;

import java.time.Instant;
import loyalty.generator.people.Person;

/** A review, social share or survey answer on the website or in the app. */
public record Engagement(Person person, String program, long seq, Channel channel, String kind, Instant at,
                         Sighting sighting) {
    public static final String REVIEW = "review";
    public static final String SOCIAL_SHARE = "social_share";
    public static final String SURVEY = "survey";
}
