package loyalty.generator.operational;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** A {@code customers} row (the CRM). */
public record CustomerRow(String crmId, String program, String email, String phone, String cardNumber,
                          String firstName, String lastName, LocalDate birthDate, String country,
                          boolean consentEmail, boolean consentSms, boolean consentPush, boolean loyaltyEnrolled,
                          Instant enrolledAt, String referredBy, Instant createdAt, Instant updatedAt) implements Row {
    public static final String TABLE = "customers";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public String primaryKey() {
        return crmId;
    }

    /** Whether {@code after} differs in a column the CDC connector maps onto a profile. */
    public boolean differsInMappedColumns(CustomerRow after) {
        return !Objects.equals(email, after.email) || !Objects.equals(phone, after.phone)
                || !Objects.equals(cardNumber, after.cardNumber) || !Objects.equals(firstName, after.firstName)
                || !Objects.equals(lastName, after.lastName) || !Objects.equals(birthDate, after.birthDate)
                || !Objects.equals(country, after.country) || consentEmail != after.consentEmail
                || consentSms != after.consentSms || consentPush != after.consentPush;
    }
}
