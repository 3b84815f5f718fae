package loyalty.flink.identity;

/** A record bound for a Kafka topic: its key and its JSON value, serialised once where it is made. */
public record KeyedJson(String key, byte[] value) {
}
