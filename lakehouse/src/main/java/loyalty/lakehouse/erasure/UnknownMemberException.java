package loyalty.lakehouse.erasure;

/** The subject of an erasure names no member (or names several, in different programs, and no program was given). */
public final class UnknownMemberException extends Exception {
    public UnknownMemberException(String message) {
        super(message);
    }
}
