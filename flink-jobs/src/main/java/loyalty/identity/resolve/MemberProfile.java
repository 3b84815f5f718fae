package loyalty.identity.resolve;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import loyalty.identity.normalize.IdentifierType;

/**
 * A unified member profile as identity resolution keeps it: identifiers (normalised, in the order they were
 * linked), attributes, consents per channel, enrolment and status. Mutable on purpose: the resolver changes a copy
 * read from its store and writes it back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class MemberProfile {
    /** SPEC §3 survivor rule: enrolled first (earliest), then earliest created, then smallest member id. */
    public static final Comparator<MemberProfile> SURVIVOR_FIRST = Comparator
            .comparing((MemberProfile p) -> p.enrolledAt == null)
            .thenComparing(p -> p.enrolledAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(p -> p.createdAt)
            .thenComparing(p -> p.memberId);

    @JsonProperty("member_id") public String memberId;
    @JsonProperty("program") public String program;
    @JsonProperty("status") public MemberStatus status = MemberStatus.PROSPECT;
    @JsonProperty("created_at") public Instant createdAt;
    @JsonProperty("created_by_event") public String createdByEvent;
    @JsonProperty("enrolled_at") public Instant enrolledAt;
    @JsonProperty("merged_into") public String mergedInto;
    @JsonProperty("merged_at") public Instant mergedAt;
    @JsonProperty("first_name") public String firstName;
    @JsonProperty("last_name") public String lastName;
    @JsonProperty("birth_date") public LocalDate birthDate;
    @JsonProperty("country") public String country;
    @JsonProperty("consents") public Map<String, ConsentValue> consents = new TreeMap<>();
    @JsonProperty("emails") public List<String> emails = new ArrayList<>();
    @JsonProperty("phones") public List<String> phones = new ArrayList<>();
    @JsonProperty("cards") public List<String> cards = new ArrayList<>();
    @JsonProperty("crm_ids") public List<String> crmIds = new ArrayList<>();
    @JsonProperty("devices") public List<String> devices = new ArrayList<>();
    /** The referrer's identifiers as the first enrolment gave them (SPEC §2 {@code referred_by}), raw. */
    @JsonProperty("referred_by") public loyalty.contract.event.Identifiers referredBy;
    @JsonProperty("updated_at") public Instant updatedAt;
    @JsonProperty("updated_by_event") public String updatedByEvent;

    public MemberProfile() {
    }

    static MemberProfile create(String memberId, String program, Instant at, String eventId) {
        MemberProfile p = new MemberProfile();
        p.memberId = memberId;
        p.program = program;
        p.createdAt = at;
        p.createdByEvent = eventId;
        p.updatedAt = at;
        p.updatedByEvent = eventId;
        return p;
    }

    public List<String> identifiers(IdentifierType type) {
        return switch (type) {
            case EMAIL -> emails;
            case PHONE -> phones;
            case CARD -> cards;
            case CRM_ID -> crmIds;
            case DEVICE_ID -> devices;
        };
    }

    /** Every identifier, strong and weak, in type order. */
    @JsonIgnore
    public List<IdentifierKey> allIdentifiers() {
        List<IdentifierKey> all = new ArrayList<>();
        for (IdentifierType type : IdentifierType.values()) {
            identifiers(type).forEach(v -> all.add(new IdentifierKey(type, v)));
        }
        return all;
    }

    boolean has(IdentifierKey key) {
        return identifiers(key.type()).contains(key.value());
    }

    void add(IdentifierKey key) {
        List<String> list = identifiers(key.type());
        if (!list.contains(key.value())) {
            list.add(key.value());
        }
    }

    void remove(IdentifierKey key) {
        identifiers(key.type()).remove(key.value());
    }

    @JsonIgnore
    public boolean isEnrolled() {
        return enrolledAt != null;
    }

    @JsonIgnore
    public String crmId() {
        return crmIds.isEmpty() ? null : crmIds.get(0);
    }

    void touched(Instant at, String eventId) {
        updatedAt = at;
        updatedByEvent = eventId;
    }

    /** A deep copy, so that a caller can change it without touching what a store holds. */
    public MemberProfile copy() {
        MemberProfile p = new MemberProfile();
        p.memberId = memberId;
        p.program = program;
        p.status = status;
        p.createdAt = createdAt;
        p.createdByEvent = createdByEvent;
        p.enrolledAt = enrolledAt;
        p.mergedInto = mergedInto;
        p.mergedAt = mergedAt;
        p.firstName = firstName;
        p.lastName = lastName;
        p.birthDate = birthDate;
        p.country = country;
        p.consents = new TreeMap<>(consents);
        p.emails = new ArrayList<>(emails);
        p.phones = new ArrayList<>(phones);
        p.cards = new ArrayList<>(cards);
        p.crmIds = new ArrayList<>(crmIds);
        p.devices = new ArrayList<>(devices);
        p.referredBy = referredBy;
        p.updatedAt = updatedAt;
        p.updatedByEvent = updatedByEvent;
        return p;
    }

    @Override
    public String toString() {
        return memberId + "[" + status + " " + allIdentifiers() + "]";
    }
}
