package loyalty.identity.normalize;

/**
 * SPEC §3 crm_id rule: trimmed, nothing else. A CRM's ids are its own (case may matter there), so the value is kept
 * as the CRM wrote it. Blank is treated as absent by {@link IdentifierNormalizer}, never as an id.
 */
public final class CrmIdNormalizer {

    private CrmIdNormalizer() {
    }

    public static String normalize(String raw) {
        return raw == null ? "" : raw.strip();
    }
}
