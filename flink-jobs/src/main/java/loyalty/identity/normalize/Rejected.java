package loyalty.identity.normalize;

/**
 * A strong identifier of an event that was ignored, kept so it can be counted (SPEC §3: "ignored (and counted), not
 * fatal").
 *
 * @param raw    the value as the source sent it
 * @param detail what exactly was wrong, for people
 */
public record Rejected(IdentifierType type, String raw, RejectionReason reason, String detail) {
}
