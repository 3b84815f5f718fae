package loyalty.contract.topic;

/** Kafka's {@code cleanup.policy}: balances are compacted so a reader gets the latest balance per member. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String config;

    CleanupPolicy(String config) {
        this.config = config;
    }

    public String config() {
        return config;
    }
}
