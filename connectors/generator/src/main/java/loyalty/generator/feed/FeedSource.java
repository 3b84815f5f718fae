package loyalty.generator.feed;

/** The feed files: one per source system, JSON lines, one SPEC §2 event per line. */
public enum FeedSource {
    /** The tills: store sales and store returns, identified by card and/or phone. */
    POS("pos"),
    /** The website: reviews, shares and surveys, logged in or as a guest. */
    WEB("web"),
    /** The mobile app: app orders, app engagement, reward requests and their cancellations. */
    APP("app");

    private final String code;

    FeedSource(String code) {
        this.code = code;
    }

    /** The envelope's {@code source} value and the event id prefix. */
    public String code() {
        return code;
    }

    public String fileName() {
        return code + ".jsonl";
    }

    /** Event ids are the source code and a zero-padded line sequence: {@code pos-000123}. */
    public String eventId(long sequence) {
        return String.format("%s-%06d", code, sequence);
    }
}
