package loyalty.generator.people;

import java.time.LocalDate;
import java.util.List;

/**
 * One true person: the ground truth behind every identifier the data shows. Identifier fields are canonical
 * values; the data renders them in many formats.
 *
 * @param email       the personal email, or null
 * @param secondEmail a second address for a duplicate CRM account, or the guest address of a three-account chain
 * @param laterEmail  the address the person changes their CRM email to during the period, or null
 * @param phone       null when the person never gives one
 * @param card        the loyalty card, or null
 * @param devices     app installations, oldest first (a second one means a new phone)
 * @param traits      shopping behaviour
 * @param plants      the identity-mess cases this person carries on purpose
 */
public record Person(String id, int index, Segment segment, String firstName, String lastName, LocalDate birthDate,
                     Country country, EmailAddress email, EmailAddress secondEmail, EmailAddress laterEmail,
                     PhoneNumber phone,
                     LoyaltyCard card, List<String> devices, ShopperTraits traits, List<Plant> plants) {

    public Person {
        devices = List.copyOf(devices);
        plants = List.copyOf(plants);
    }

    public boolean has(Plant plant) {
        return plants.contains(plant);
    }

    public boolean usesApp() {
        return !devices.isEmpty();
    }
}
