package loyalty.flink.identity;

import java.time.Instant;
import java.util.List;
import loyalty.contract.event.Event;
import loyalty.contract.identity.IdentityConflict;
import loyalty.contract.identity.IdentityMerged;
import loyalty.identity.resolve.ConsentValue;
import loyalty.identity.resolve.LinkChange;
import loyalty.identity.resolve.MemberProfile;
import loyalty.lakehouse.table.IdentityEvents;
import loyalty.lakehouse.table.IdentityLinks;
import loyalty.lakehouse.table.Members;
import org.apache.flink.table.data.RowData;

/** Rows of identity.members, identity.identity_links and identity.identity_events from the resolver's output. */
final class IdentityRows {
    private IdentityRows() {
    }

    static RowData member(MemberProfile p) {
        return RowByName.of(Members.SCHEMA)
                .set("program", p.program)
                .set("member_id", p.memberId)
                .set("status", p.status.name())
                .set("merged_into", p.mergedInto)
                .set("merged_at", p.mergedAt)
                .set("created_at", p.createdAt)
                .set("created_by_event", p.createdByEvent)
                .set("enrolled_at", p.enrolledAt)
                .set("first_name", p.firstName)
                .set("last_name", p.lastName)
                .set("birth_date", p.birthDate)
                .set("country", p.country)
                .set("consent_email", consent(p, "email"))
                .set("consent_sms", consent(p, "sms"))
                .set("consent_push", consent(p, "push"))
                .set("emails", List.copyOf(p.emails))
                .set("phones", List.copyOf(p.phones))
                .set("cards", List.copyOf(p.cards))
                .set("crm_id", p.crmId())
                .set("devices", List.copyOf(p.devices))
                .set("updated_at", p.updatedAt)
                .set("updated_by_event", p.updatedByEvent)
                .build();
    }

    static RowData link(LinkChange l) {
        return RowByName.of(IdentityLinks.SCHEMA)
                .set("program", l.program())
                .set("link_id", l.linkId())
                .set("identifier_type", l.identifier().type().wireName())
                .set("identifier_value", l.identifier().value())
                .set("member_id", l.memberId())
                .set("valid_from", l.validFrom())
                .set("linked_by_event", l.linkedByEvent())
                .set("valid_to", l.validTo())
                .set("ended_by_event", l.endedByEvent())
                .set("end_reason", l.endReason())
                .build();
    }

    static RowData merged(IdentityMerged m) {
        return RowByName.of(IdentityEvents.SCHEMA)
                .set("program", m.program())
                .set("record_id", m.mergeId())
                .set("kind", m.kind())
                .set("event_id", m.eventId())
                .set("occurred_at", m.occurredAt())
                .set("survivor_id", m.survivorId())
                .set("loser_id", m.loserId())
                .set("members", List.of(m.survivorId(), m.loserId()))
                .set("reason", m.reason())
                .set("identifiers", m.identifiers())
                .set("welcome_clawback", m.welcomeClawback())
                .build();
    }

    static RowData conflict(IdentityConflict c) {
        return RowByName.of(IdentityEvents.SCHEMA)
                .set("program", c.program())
                .set("record_id", c.conflictId())
                .set("kind", c.kind())
                .set("event_id", c.eventId())
                .set("occurred_at", c.occurredAt())
                .set("members", c.members())
                .set("assigned_to", c.assignedTo())
                .set("reason", c.reason())
                .set("detail", c.detail())
                .set("identifiers", c.identifiers())
                .build();
    }

    /**
     * An event resolved after the clock had passed it (SPEC §1: applied at arrival with its own dates, marked late):
     * the record that makes late arrivals countable and traceable.
     *
     * @param clock the instant identity resolution had reached when it came
     */
    static RowData late(Event e, String memberId, Instant clock) {
        return RowByName.of(IdentityEvents.SCHEMA)
                .set("program", e.program())
                .set("record_id", "late:" + e.eventId())
                .set("kind", IdentityEvents.LATE)
                .set("event_id", e.eventId())
                .set("occurred_at", e.occurredAt())
                .set("assigned_to", memberId)
                .set("reason", "late")
                .set("detail", e.type() + " dated " + e.occurredAt() + ", resolution had reached " + clock)
                .build();
    }

    private static Boolean consent(MemberProfile p, String channel) {
        ConsentValue v = p.consents.get(channel);
        return v == null ? null : v.granted();
    }
}
