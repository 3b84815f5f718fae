package loyalty.cdc.mapping;

/**
 * The event-id scheme of CDC events. Ids derive from business keys, and carry the LSN only for changes that may
 * legitimately repeat (profile edits, rule-set revisions), so a change delivered twice (after a restart) gets the
 * same id and the raw-events job's dedupe by event_id drops the copy.
 */
public final class EventIds {
    private static final String PREFIX = "cdc:";

    private EventIds() {
    }

    public static String memberEnrolled(String crmId) {
        return PREFIX + "customers:" + crmId + ":enrolled";
    }

    public static String profileUpdated(String crmId, long lsn) {
        return PREFIX + "customers:" + crmId + ":" + lsn;
    }

    public static String orderCompleted(String orderId) {
        return PREFIX + "orders:" + orderId + ":completed";
    }

    public static String orderReturned(String returnId) {
        return PREFIX + "returns:" + returnId;
    }

    public static String rulesPublished(String program, String version) {
        return PREFIX + "loyalty_rule_sets:" + program + ":" + version;
    }

    public static String rulesRevised(String program, String version, long lsn) {
        return rulesPublished(program, version) + ":" + lsn;
    }
}
