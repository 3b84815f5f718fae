package loyalty.cli;

/** A problem the user can fix; its message is one sentence that says how. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
