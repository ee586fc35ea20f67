package dev.convkit.explore;

/**
 * A request the explorer answers with a 4xx status and one line: a malformed body, a tensor above the
 * size limit, a value that is not a number. The op's own rule breaks arrive as
 * {@link dev.convkit.core.InvalidArgumentException} and are answered the same way.
 *
 * <pre>{@code
 * throw new ApiError(413, "input", "input has 4225 elements; the explorer takes at most 4096 per tensor");
 * }</pre>
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    /**
     * @param status the HTTP status (400, 413, 415, ...)
     * @param field  the request field or op parameter that caused it, or null
     * @param message one line naming the field and the rule
     */
    public ApiError(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The request field or op parameter the message is about, or null. */
    public String field() {
        return field;
    }
}
