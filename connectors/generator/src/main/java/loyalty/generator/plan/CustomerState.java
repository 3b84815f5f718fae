package loyalty.generator.plan;

import java.time.Instant;
import java.time.LocalDate;

/** The columns of one {@code customers} row at one moment, identifiers as the CRM agent or web form typed them. */
public record CustomerState(String email, String phone, String card, String firstName, String lastName,
                            LocalDate birthDate, String country, boolean consentEmail, boolean consentSms,
                            boolean consentPush, boolean enrolled, Instant enrolledAt) {

    public CustomerState withEmail(String value) {
        return new CustomerState(value, phone, card, firstName, lastName, birthDate, country, consentEmail,
                consentSms, consentPush, enrolled, enrolledAt);
    }

    public CustomerState withPhone(String value) {
        return new CustomerState(email, value, card, firstName, lastName, birthDate, country, consentEmail,
                consentSms, consentPush, enrolled, enrolledAt);
    }

    public CustomerState withCard(String value) {
        return new CustomerState(email, phone, value, firstName, lastName, birthDate, country, consentEmail,
                consentSms, consentPush, enrolled, enrolledAt);
    }

    public CustomerState withLastName(String value) {
        return new CustomerState(email, phone, card, firstName, value, birthDate, country, consentEmail,
                consentSms, consentPush, enrolled, enrolledAt);
    }

    public CustomerState withConsents(boolean byEmail, boolean bySms, boolean byPush) {
        return new CustomerState(email, phone, card, firstName, lastName, birthDate, country, byEmail, bySms, byPush,
                enrolled, enrolledAt);
    }

    public CustomerState enrolledAt(Instant at) {
        return new CustomerState(email, phone, card, firstName, lastName, birthDate, country, consentEmail,
                consentSms, consentPush, true, at);
    }
}
