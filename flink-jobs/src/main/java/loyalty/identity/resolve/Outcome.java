package loyalty.identity.resolve;

import java.util.Locale;

/** How an event was resolved; the wire name goes in {@code Resolved.resolution}. */
public enum Outcome {
    /** A new profile was created for the event's identifiers. */
    CREATED,
    /** All of the event's strong identifiers already belonged to one member. */
    MATCHED,
    /** One member was found and the event's new identifiers were attached to it. */
    ATTACHED,
    /** The identifiers belonged to several members, which were merged into the survivor. */
    MERGED,
    /** A guard refused a merge or an attachment; the event went to its highest-priority identifier's member. */
    CONFLICT,
    /** Only a device id: the member the device was last attached to. */
    DEVICE,
    /** {@code ml.scored}: the member named in the payload (its survivor if it was merged). */
    SCORED,
    /** No member, none created (kept in raw events, counted, no ledger effect). */
    UNATTRIBUTED,
    /** {@code rules.published}: needs no member. */
    NOT_NEEDED,
    /** The event id was applied before: nothing changes and nothing is written. */
    DUPLICATE,
    /** SPEC §13.5: no identifier, or no usable one; goes to the dead-letter topic and does not consume its id. */
    DEAD_LETTER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
