package loyalty.cdc.mapping;

import java.util.List;
import loyalty.contract.event.Consent;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventType;
import loyalty.contract.event.Identifiers;
import loyalty.contract.event.MemberEnrolled;
import loyalty.contract.validation.RejectReason;

/**
 * CRM customers: enrolment becomes {@code member.enrolled} (once per customer), any other change of an attribute
 * the loyalty engine uses becomes {@code profile.updated}. A delete is ignored: a CRM delete is housekeeping, not an
 * erasure request, and must not wipe loyalty history (erasure is a separate, explicit process).
 */
final class CustomerMapping implements TableMapping {
    static final String TABLE = "customers";
    /** The columns that feed an event; an update touching none of them is not a loyalty event. */
    static final List<String> MAPPED_COLUMNS = List.of("email", "phone", "card_number", "first_name", "last_name",
            "birth_date", "country", "consent_email", "consent_sms", "consent_push");

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public MappingResult map(RowChange change) {
        if (change.kind() != ChangeKind.DELETE && change.afterRow().text("crm_id") == null) {
            // crm_id is the key of every customer event id; without it no id would be unique.
            return identifiers(change.afterRow()).isEmpty()
                    ? new MappingResult.Reject(RejectReason.NO_IDENTIFIER, "customers row carries no identifier")
                    : new MappingResult.Reject(RejectReason.MISSING_FIELD, "customers.crm_id is empty");
        }
        return switch (change.kind()) {
            case DELETE -> new MappingResult.Skip("customer delete is not an erasure request");
            case SNAPSHOT, INSERT -> change.afterRow().bool("loyalty_enrolled") ? enrolled(change) : profile(change);
            case UPDATE -> update(change);
        };
    }

    private MappingResult update(RowChange change) {
        Row before = change.beforeRow();
        Row after = change.afterRow();
        if (before == null) {
            return new MappingResult.Reject(RejectReason.UNMAPPABLE_CHANGE,
                    "customers update without a before-image: set REPLICA IDENTITY FULL on customers");
        }
        if (after.bool("loyalty_enrolled") && !before.bool("loyalty_enrolled")) {
            return enrolled(change);
        }
        boolean mappedChange = MAPPED_COLUMNS.stream().anyMatch(c -> !before.sameAs(after, c));
        return mappedChange ? profile(change) : new MappingResult.Skip("customers update changed no mapped column");
    }

    private MappingResult enrolled(RowChange change) {
        Row row = change.afterRow();
        String crmId = row.requiredText("crm_id");
        return new MappingResult.Emit(Event.of(EventIds.memberEnrolled(crmId), EventType.MEMBER_ENROLLED,
                row.requiredText("program"), ChangeTime.preferring(change, "enrolled_at", "updated_at"),
                ChangeMapper.SOURCE, identifiers(row), attributes(row)));
    }

    private MappingResult profile(RowChange change) {
        Row row = change.afterRow();
        return new MappingResult.Emit(Event.of(EventIds.profileUpdated(row.requiredText("crm_id"), change.lsn()),
                EventType.PROFILE_UPDATED, row.requiredText("program"), ChangeTime.of(change, "updated_at"),
                ChangeMapper.SOURCE, identifiers(row), attributes(row)));
    }

    private static Identifiers identifiers(Row row) {
        return new Identifiers(row.text("email"), row.text("phone"), row.text("card_number"), row.text("crm_id"),
                null);
    }

    private static MemberEnrolled attributes(Row row) {
        String referrer = row.text("referred_by");
        return new MemberEnrolled(row.text("first_name"), row.text("last_name"), row.date("birth_date"),
                row.upperCode("country"),
                new Consent(row.bool("consent_email"), row.bool("consent_sms"), row.bool("consent_push")),
                referrer == null ? null : new Identifiers(null, null, null, referrer, null));
    }
}
