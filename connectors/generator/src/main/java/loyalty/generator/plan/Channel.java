package loyalty.generator.plan;

/** Where an order was placed; the wire name is SPEC §2's {@code channel}. */
public enum Channel {
    STORE("store"), WEB("web"), APP("app");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
