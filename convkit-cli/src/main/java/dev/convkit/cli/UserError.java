package dev.convkit.cli;

/**
 * An error caused by the user's input (a missing file, malformed JSON, a bad option). The CLI prints
 * its message as one line on stderr and exits with code 2; never a stack trace.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
