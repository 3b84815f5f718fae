package loyalty.flink.raw;

/**
 * SPEC §1: {@code event_id} is the idempotency key, so the first copy of an id is the event and every later copy
 * is a duplicate that changes nothing, whatever its content. What is remembered of the first copy is its Kafka
 * position: small, and it tells an operator where the original is when a duplicate turns up.
 */
public final class FirstCopyWins {
    private FirstCopyWins() {
    }

    /** @param remembered what {@link #remember} returned for an earlier copy of this id, or null for none */
    public static boolean isFirstCopy(String remembered) {
        return remembered == null;
    }

    public static String remember(RawEvent firstCopy) {
        return firstCopy.kafkaPosition();
    }
}
