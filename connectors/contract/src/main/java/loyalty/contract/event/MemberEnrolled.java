package loyalty.contract.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** Payload of {@code member.enrolled}; {@code profile.updated} carries the same optional attributes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberEnrolled(
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("birth_date") LocalDate birthDate,
        @JsonProperty("country") String country,
        @JsonProperty("consent") Consent consent,
        @JsonProperty("referred_by") Identifiers referredBy) {
}
