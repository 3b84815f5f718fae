package loyalty.cli.member;

import java.util.List;

/**
 * One row of {@code identity.members}, the unified profile. Timestamps and the birth date are Trino's text; lists
 * are empty rather than null; a consent is null when the member never gave or refused it.
 */
public record MemberRow(String program, String memberId, String status, String mergedInto, String mergedAt,
                        String createdAt, String createdByEvent, String enrolledAt, String firstName, String lastName,
                        String birthDate, String country, Boolean consentEmail, Boolean consentSms,
                        Boolean consentPush, List<String> emails, List<String> phones, List<String> cards,
                        String crmId, List<String> devices, String updatedAt, String updatedByEvent) {

    public static final String MERGED = "MERGED";

    public MemberRow {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
        cards = cards == null ? List.of() : List.copyOf(cards);
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** The member this one was merged into, when it is a merge's loser. */
    public boolean isMerged() {
        return MERGED.equals(status) && mergedInto != null;
    }
}
