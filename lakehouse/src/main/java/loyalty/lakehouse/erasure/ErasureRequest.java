package loyalty.lakehouse.erasure;

import java.time.Instant;
import java.util.Optional;

/**
 * A data subject's request to be forgotten, as an operator enters it.
 *
 * @param subject     a member id ({@code M-…}) or any identifier of the member (email, phone, card, CRM id, device),
 *                    as typed: it is matched against the normalised identifier links
 * @param program     the program, when the identifier is known in several
 * @param reason      why (e.g. "GDPR art. 17 request #1234"); scrubbed of the erased identifiers before it is stored
 * @param requestedBy who asked for it (operator or ticket system)
 */
public record ErasureRequest(String subject, Optional<String> program, String reason, String requestedBy,
                             Instant requestedAt) {
    public ErasureRequest {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("an erasure needs a member id or an identifier");
        }
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new IllegalArgumentException("an erasure must say who requested it");
        }
        subject = subject.strip();
    }
}
