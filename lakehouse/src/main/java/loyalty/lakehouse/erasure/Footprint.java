package loyalty.lakehouse.erasure;

import static loyalty.lakehouse.erasure.SqlText.list;
import static loyalty.lakehouse.erasure.SqlText.literal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import loyalty.lakehouse.maintenance.SqlEngine;

/**
 * Everything that identifies the subject in the lakehouse: their normalised identifiers (links and profile lists),
 * the raw events that are theirs, and the identifier values those events carry as typed. An identifier that is
 * currently linked to someone else (a shared family card, a device that moved) is that person's too and is left
 * alone.
 *
 * <p>Raw events carry no member id, so an event is the subject's when a link or the profile names it as its cause,
 * or when one of its identifiers, normalised the way SPEC §3 does as far as SQL can (email trimmed and lower-cased,
 * card without blanks and dashes and upper-cased, phone digits ending the E.164 number's digits, CRM id and device
 * trimmed), is one of the subject's. Gmail's dot and plus folding is not redone in SQL: such an event is still found
 * through its other identifiers or the link it created.
 */
final class Footprint {
    static final String EMAIL = "email";
    static final String PHONE = "phone";
    static final String CARD = "card";
    static final String CRM_ID = "crm_id";
    static final String DEVICE = "device_id";
    static final List<String> TYPES = List.of(EMAIL, PHONE, CARD, CRM_ID, DEVICE);
    private static final int MIN_PHONE_DIGITS = 7;
    static final int MIN_MENTION_LENGTH = 6;

    /** type → normalised values of the subject */
    final Map<String, Set<String>> identifiers = new LinkedHashMap<>();
    /** event ids of the subject's raw events */
    final Set<String> ownEvents = new LinkedHashSet<>();
    /** every value to be gone afterwards: normalised identifiers and the raw spellings found on the events */
    final Set<String> erasedValues = new LinkedHashSet<>();

    /**
     * Values searched for inside texts (payloads, details, notes): the erased values long enough that finding one
     * inside a text means the member (a two-character device id would match half the table).
     */
    Set<String> mentionable() {
        Set<String> values = new LinkedHashSet<>();
        erasedValues.stream().filter(v -> v.length() >= MIN_MENTION_LENGTH).forEach(values::add);
        return values;
    }

    /** {@code type:value}, as identity_events lists identifiers. */
    Set<String> typedValues() {
        Set<String> values = new LinkedHashSet<>();
        identifiers.forEach((type, ofType) -> ofType.forEach(v -> values.add(type + ":" + v)));
        return values;
    }

    private Footprint() {
        TYPES.forEach(t -> identifiers.put(t, new LinkedHashSet<>()));
    }

    static Footprint collect(SqlEngine sql, String catalog, ErasureSubject subject) throws SQLException {
        Footprint f = new Footprint();
        String program = literal(subject.program());
        String members = list(subject.members());
        Set<String> causes = new LinkedHashSet<>();
        for (List<Object> row : sql.rows("SELECT identifier_type, identifier_value, linked_by_event FROM " + catalog
                + ".identity.identity_links WHERE program = " + program + " AND member_id IN " + members)) {
            f.add((String) row.get(0), (String) row.get(1));
            causes.add((String) row.get(2));
        }
        for (List<Object> row : sql.rows("SELECT emails, phones, cards, crm_id, devices, created_by_event,"
                + " updated_by_event FROM " + catalog + ".identity.members WHERE program = " + program
                + " AND member_id IN " + members)) {
            addAll(f, EMAIL, row.get(0));
            addAll(f, PHONE, row.get(1));
            addAll(f, CARD, row.get(2));
            f.add(CRM_ID, (String) row.get(3));
            addAll(f, DEVICE, row.get(4));
            causes.add((String) row.get(5));
            causes.add((String) row.get(6));
        }
        f.dropIdentifiersOfOthers(sql, catalog, subject);
        causes.remove(null);
        f.findOwnEvents(sql, catalog, program, causes);
        return f;
    }

    private void add(String type, String value) {
        if (value != null && !value.isBlank() && identifiers.containsKey(type)) {
            identifiers.get(type).add(value);
            erasedValues.add(value);
        }
    }

    private static void addAll(Footprint f, String type, Object values) {
        if (values instanceof List<?> list) {
            list.forEach(v -> f.add(type, (String) v));
        }
    }

    private void dropIdentifiersOfOthers(SqlEngine sql, String catalog, ErasureSubject subject) throws SQLException {
        if (erasedValues.isEmpty()) {
            return;
        }
        for (List<Object> row : sql.rows("SELECT DISTINCT identifier_type, identifier_value FROM " + catalog
                + ".identity.identity_links WHERE program = " + literal(subject.program()) + " AND valid_to IS NULL"
                + " AND member_id NOT IN " + list(subject.members()) + " AND identifier_value IN "
                + list(erasedValues))) {
            Set<String> ofType = identifiers.get((String) row.get(0));
            if (ofType != null) {
                ofType.remove((String) row.get(1));
            }
        }
        erasedValues.clear();
        identifiers.values().forEach(erasedValues::addAll);
    }

    private void findOwnEvents(SqlEngine sql, String catalog, String program, Set<String> causes)
            throws SQLException {
        List<String> matches = new ArrayList<>();
        if (!causes.isEmpty()) {
            matches.add("event_id IN " + list(causes));
        }
        if (!identifiers.get(EMAIL).isEmpty()) {
            matches.add("lower(trim(identifiers.email)) IN " + list(identifiers.get(EMAIL)));
        }
        if (!identifiers.get(CARD).isEmpty()) {
            matches.add("upper(regexp_replace(identifiers.card, '[\\s\\p{Z}\\p{Pd}]', '')) IN "
                    + list(identifiers.get(CARD)));
        }
        if (!identifiers.get(CRM_ID).isEmpty()) {
            matches.add("trim(identifiers.crm_id) IN " + list(identifiers.get(CRM_ID)));
        }
        if (!identifiers.get(DEVICE).isEmpty()) {
            matches.add("trim(identifiers.device_id) IN " + list(identifiers.get(DEVICE)));
        }
        String digits = "regexp_replace(identifiers.phone, '[^0-9]', '')";
        for (String phone : identifiers.get(PHONE)) {
            String e164Digits = phone.replaceAll("[^0-9]", "");
            matches.add("(length(" + digits + ") >= " + MIN_PHONE_DIGITS + " AND starts_with("
                    + literal(new StringBuilder(e164Digits).reverse().toString()) + ", reverse(" + digits + ")))");
        }
        if (matches.isEmpty()) {
            return;
        }
        for (List<Object> row : sql.rows("SELECT event_id, identifiers.email, identifiers.phone, identifiers.card,"
                + " identifiers.crm_id, identifiers.device_id FROM " + catalog + ".raw.events WHERE program = "
                + program + " AND (" + String.join(" OR ", matches) + ")")) {
            ownEvents.add((String) row.get(0));
            for (int i = 0; i < TYPES.size(); i++) {
                String raw = (String) row.get(i + 1);
                if (raw != null && isSubjects(TYPES.get(i), raw)) {
                    erasedValues.add(raw.strip());
                }
            }
        }
    }

    /** Whether a raw value, normalised roughly as above, is one of the subject's (not someone else's). */
    private boolean isSubjects(String type, String raw) {
        String s = raw.strip();
        return switch (type) {
            case EMAIL -> identifiers.get(EMAIL).contains(s.toLowerCase(Locale.ROOT));
            case CARD -> identifiers.get(CARD).contains(s.replaceAll("[\\s\\p{Z}\\p{Pd}]", "")
                    .toUpperCase(Locale.ROOT));
            case PHONE -> {
                String d = s.replaceAll("[^0-9]", "");
                yield d.length() >= MIN_PHONE_DIGITS
                        && identifiers.get(PHONE).stream().anyMatch(p -> p.replaceAll("[^0-9]", "").endsWith(d));
            }
            default -> identifiers.get(type).contains(s);
        };
    }
}
