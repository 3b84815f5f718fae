package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Identifiers as the source sent them (raw, not normalised: normalisation is identity resolution's job).
 * Email, phone, card and crm_id are strong; device_id is weak (SPEC §3).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Identifiers(
        @JsonProperty("email") String email,
        @JsonProperty("phone") String phone,
        @JsonProperty("card") String card,
        @JsonProperty("crm_id") String crmId,
        @JsonProperty("device_id") String deviceId) {

    public static final Identifiers NONE = new Identifiers(null, null, null, null, null);

    /** Not a property: without this Jackson writes "empty", which the envelope schema refuses. */
    @JsonIgnore
    public boolean isEmpty() {
        return blank(email) && blank(phone) && blank(card) && blank(crmId) && blank(deviceId);
    }

    public boolean hasStrong() {
        return !blank(email) || !blank(phone) || !blank(card) || !blank(crmId);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
