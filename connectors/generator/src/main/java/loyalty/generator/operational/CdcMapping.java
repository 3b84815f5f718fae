package loyalty.generator.operational;

import java.util.Optional;
import loyalty.contract.event.EventType;

/**
 * The CDC mapping the connector implements, as the generator counts it. customers: an INSERT is a
 * {@code member.enrolled} if the row is enrolled, else a {@code profile.updated}; an UPDATE that flips
 * loyalty_enrolled from false to true is a {@code member.enrolled}; any other UPDATE that changes a mapped column
 * (email, phone, card_number, names, birth_date, country, consents) is a {@code profile.updated}; other UPDATEs and
 * DELETEs are nothing. orders: one {@code order.completed} when a row reaches COMPLETED (inserted so, or updated
 * from another status); nothing else. returns: an INSERT is an {@code order.returned}. loyalty_rule_sets: an
 * INSERT is a {@code rules.published}.
 */
public final class CdcMapping {
    private CdcMapping() {
    }

    public static Optional<EventType> expectedEvent(OperationalChange change) {
        return switch (change.kind()) {
            case DELETE -> Optional.empty();
            case INSERT -> inserted(change.after());
            case UPDATE -> updated(change.before(), change.after());
        };
    }

    private static Optional<EventType> inserted(Row row) {
        if (row instanceof CustomerRow c) {
            return Optional.of(c.loyaltyEnrolled() ? EventType.MEMBER_ENROLLED : EventType.PROFILE_UPDATED);
        }
        if (row instanceof OrderRow o) {
            return o.isCompleted() ? Optional.of(EventType.ORDER_COMPLETED) : Optional.empty();
        }
        if (row instanceof ReturnRow) {
            return Optional.of(EventType.ORDER_RETURNED);
        }
        return Optional.of(EventType.RULES_PUBLISHED);
    }

    private static Optional<EventType> updated(Row before, Row after) {
        if (before instanceof CustomerRow b && after instanceof CustomerRow a) {
            if (!b.loyaltyEnrolled() && a.loyaltyEnrolled()) {
                return Optional.of(EventType.MEMBER_ENROLLED);
            }
            return b.differsInMappedColumns(a) ? Optional.of(EventType.PROFILE_UPDATED) : Optional.empty();
        }
        if (before instanceof OrderRow b && after instanceof OrderRow a) {
            return !b.isCompleted() && a.isCompleted()
                    ? Optional.of(EventType.ORDER_COMPLETED) : Optional.empty();
        }
        return Optional.empty();
    }

}
