package loyalty.flink.ledger;

/**
 * A record of the resolved stream as it travels to the ledger operator: its program (the key), its event time and
 * its JSON, parsed once there. Flat on purpose, so Flink copies it without Kryo.
 */
public record ResolvedRecord(String program, long occurredAtMillis, byte[] json) {
}
