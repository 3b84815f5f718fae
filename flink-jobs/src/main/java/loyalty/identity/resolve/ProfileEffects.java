package loyalty.identity.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventType;

/**
 * What {@code member.enrolled} and {@code profile.updated} change on a profile (SPEC §2, §3): enrolment (the first
 * one counts), the attributes they carry, and consents per channel with the time they were set. An enrolment sets
 * all three channels (a missing one is false); an update sets only the channels it names.
 */
final class ProfileEffects {
    static final List<String> CHANNELS = List.of("email", "sms", "push");

    private ProfileEffects() {
    }

    /** Applies the event to {@code p}; true when something changed. */
    static boolean apply(MemberProfile p, Event event) {
        EventType type = event.eventType();
        if (type != EventType.MEMBER_ENROLLED && type != EventType.PROFILE_UPDATED) {
            return false;
        }
        boolean changed = false;
        Instant at = event.occurredAt();
        JsonNode payload = event.payload();
        if (type == EventType.MEMBER_ENROLLED && p.enrolledAt == null) {
            p.enrolledAt = at;
            p.status = MemberStatus.ACTIVE;
            p.referredBy = referredBy(payload);
            changed = true;
        }
        String first = text(payload, "first_name");
        String last = text(payload, "last_name");
        String country = text(payload, "country") == null ? null : text(payload, "country").toUpperCase(java.util.Locale.ROOT);
        LocalDate birth = date(payload, "birth_date");
        if (first != null && !first.equals(p.firstName)) {
            p.firstName = first;
            changed = true;
        }
        if (last != null && !last.equals(p.lastName)) {
            p.lastName = last;
            changed = true;
        }
        if (country != null && !country.equals(p.country)) {
            p.country = country;
            changed = true;
        }
        if (birth != null && !birth.equals(p.birthDate)) {
            p.birthDate = birth;
            changed = true;
        }
        JsonNode consent = payload.path("consent");
        for (String channel : CHANNELS) {
            JsonNode v = consent.get(channel);
            Boolean granted = null;
            if (v != null && v.isBoolean()) {
                granted = v.asBoolean();
            } else if (type == EventType.MEMBER_ENROLLED) {
                granted = Boolean.FALSE;
            }
            ConsentValue before = p.consents.get(channel);
            if (granted != null && (before == null || !before.updatedAt().isAfter(at))) {
                ConsentValue now = new ConsentValue(granted, at);
                if (!Objects.equals(before, now)) {
                    p.consents.put(channel, now);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** SPEC §3 merge: the survivor's non-empty attributes win; per channel, the most recently set consent wins. */
    static void absorb(MemberProfile survivor, MemberProfile loser) {
        survivor.firstName = survivor.firstName != null ? survivor.firstName : loser.firstName;
        survivor.lastName = survivor.lastName != null ? survivor.lastName : loser.lastName;
        survivor.birthDate = survivor.birthDate != null ? survivor.birthDate : loser.birthDate;
        survivor.country = survivor.country != null ? survivor.country : loser.country;
        survivor.referredBy = survivor.referredBy != null ? survivor.referredBy : loser.referredBy;
        loser.consents.forEach((channel, theirs) -> {
            ConsentValue ours = survivor.consents.get(channel);
            if (ours == null || theirs.updatedAt().isAfter(ours.updatedAt())) {
                survivor.consents.put(channel, theirs);
            }
        });
    }

    private static loyalty.contract.event.Identifiers referredBy(JsonNode payload) {
        JsonNode v = payload.get("referred_by");
        if (v == null || !v.isObject()) {
            return null;
        }
        loyalty.contract.event.Identifiers ids = new loyalty.contract.event.Identifiers(text(v, "email"),
                text(v, "phone"), text(v, "card"), text(v, "crm_id"), null);
        return ids.hasStrong() ? ids : null;
    }

    private static String text(JsonNode payload, String field) {
        JsonNode v = payload.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static LocalDate date(JsonNode payload, String field) {
        String s = text(payload, field);
        try {
            return s == null ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
