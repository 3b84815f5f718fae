package loyalty.stack;

/** A stack component could not start or answer; the message is one sentence that says what to do. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
