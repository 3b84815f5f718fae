package loyalty.ml.clv;

/** The transactions read fine but cannot be fitted; the message says why and what to change, as one sentence. */
public final class FitInputException extends RuntimeException {
    public FitInputException(String message) {
        super(message);
    }
}
