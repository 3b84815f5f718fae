package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Marketing consent per channel; absent means no consent (SPEC §2). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Consent(Boolean email, Boolean sms, Boolean push) {
}
