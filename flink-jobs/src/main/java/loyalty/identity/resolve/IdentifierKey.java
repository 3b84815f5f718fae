package loyalty.identity.resolve;

import loyalty.identity.normalize.IdentifierType;

/** A normalised identifier as the resolver indexes it; {@link #toString()} is {@code type:value}. */
public record IdentifierKey(IdentifierType type, String value) implements Comparable<IdentifierKey> {

    public static IdentifierKey parse(String encoded) {
        int colon = encoded.indexOf(':');
        String wire = encoded.substring(0, colon);
        for (IdentifierType t : IdentifierType.values()) {
            if (t.wireName().equals(wire)) {
                return new IdentifierKey(t, encoded.substring(colon + 1));
            }
        }
        throw new IllegalArgumentException("not an identifier key: " + encoded);
    }

    @Override
    public int compareTo(IdentifierKey o) {
        int byType = type.compareTo(o.type);
        return byType != 0 ? byType : value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return type.wireName() + ":" + value;
    }
}
