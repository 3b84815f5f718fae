package loyalty.cli.member;

/**
 * One row of {@code identity.identity_links}. Timestamps are Trino's text ({@code 2026-01-05 12:00:00.000000 UTC}),
 * which keeps the zone; {@code validTo} null means the link is current.
 */
public record LinkRow(String program, String linkId, String identifierType, String identifierValue, String memberId,
                      String validFrom, String linkedByEvent, String validTo, String endedByEvent, String endReason) {

    public boolean isCurrent() {
        return validTo == null;
    }
}
