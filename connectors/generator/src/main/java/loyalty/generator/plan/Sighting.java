package loyalty.generator.plan;

import loyalty.contract.event.Identifiers;

/**
 * What one channel recorded about the customer, as it wrote it. The CRM login is held as the account itself
 * because crm_ids are only given once every account is planned.
 */
public record Sighting(Account account, String email, String phone, String card, String device) {

    public static Sighting of(Account account, String email, String phone, String card, String device) {
        return new Sighting(account, email, phone, card, device);
    }

    public String crmId() {
        return account == null ? null : account.crmId();
    }

    public Identifiers toIdentifiers() {
        return new Identifiers(email, phone, card, crmId(), device);
    }

    public boolean isEmpty() {
        return account == null && email == null && phone == null && card == null && device == null;
    }
}
