package loyalty.feeds;

/** Named feed records, good and bad, shared by the file and HTTP tests. */
final class FeedFixtures {
    private FeedFixtures() {
    }

    static String order(String eventId, String orderId, String amount) {
        return "{\"event_id\":\"" + eventId + "\",\"type\":\"order.completed\",\"program\":\"acme\","
                + "\"occurred_at\":\"2026-01-05T12:00:00Z\",\"source\":\"pos\",\"identifiers\":{\"card\":\"C-1\"},"
                + "\"payload\":{\"order_id\":\"" + orderId + "\",\"net_amount\":\"" + amount + "\","
                + "\"currency\":\"USD\",\"channel\":\"store\"}}";
    }

    static String review(String eventId) {
        return "{\"event_id\":\"" + eventId + "\",\"type\":\"engagement.recorded\",\"program\":\"acme\","
                + "\"occurred_at\":\"2026-01-06T09:30:00Z\",\"source\":\"web\",\"identifiers\":{\"email\":\"a@b.com\"},"
                + "\"payload\":{\"kind\":\"review\"}}";
    }

    static final String TRUNCATED = "{\"event_id\":\"pos-9\",\"type\":\"order.compl";
    static final String MISSING_AMOUNT = order("pos-10", "O10", "1.00").replace("\"net_amount\":\"1.00\",", "");
    static final String AMOUNT_AS_NUMBER = order("pos-11", "O11", "1.00").replace("\"1.00\"", "1.00");
}
