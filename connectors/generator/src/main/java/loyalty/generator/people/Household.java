package loyalty.generator.people;

/** Two people who share one phone number (a home landline): the same strong identifier, two true persons. */
public record Household(String firstPersonId, String secondPersonId, String phoneE164) {
}
