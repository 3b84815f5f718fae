package loyalty.contract.event;

import java.util.Arrays;
import java.util.Optional;

/** The input event types of SPEC §2, each with its JSON Schema and whether it must carry an identifier. */
public enum EventType {
    MEMBER_ENROLLED("member.enrolled", true),
    PROFILE_UPDATED("profile.updated", true),
    ORDER_COMPLETED("order.completed", true),
    ORDER_RETURNED("order.returned", true),
    ENGAGEMENT_RECORDED("engagement.recorded", true),
    REDEMPTION_REQUESTED("redemption.requested", true),
    REDEMPTION_CANCELLED("redemption.cancelled", true),
    POINTS_ADJUSTED("points.adjusted", true),
    // Program-wide events: SPEC §13.5 exempts them from the identifier rule.
    RULES_PUBLISHED("rules.published", false),
    ML_SCORED("ml.scored", false);

    private final String wireName;
    private final boolean needsIdentifier;

    EventType(String wireName, boolean needsIdentifier) {
        this.wireName = wireName;
        this.needsIdentifier = needsIdentifier;
    }

    public String wireName() {
        return wireName;
    }

    public boolean needsIdentifier() {
        return needsIdentifier;
    }

    /** Classpath resource of the JSON Schema for this type's payload. */
    public String payloadSchemaResource() {
        return "/loyalty/contract/schemas/" + wireName + ".schema.json";
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
