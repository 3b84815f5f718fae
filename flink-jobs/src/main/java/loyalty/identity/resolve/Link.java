package loyalty.identity.resolve;

import java.time.Instant;

/** The current owner of an identifier, and since when and through which event (the start of its history row). */
public record Link(String memberId, Instant since, String sinceEvent) {
}
