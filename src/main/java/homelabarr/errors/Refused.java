package homelabarr.errors;

/**
 * Domain code's one error: why something asked for cannot be done, in words the caller may read. Domain code throws
 * it and knows nothing of HTTP; the edge ({@code http.ErrorMapper}) alone turns its {@link Kind} into a status and
 * {@code error} and {@code details} into the body, as they are.
 */
public final class Refused extends RuntimeException {
    /** What kind of refusal, which is all the edge needs to choose a status. */
    public enum Kind {
        /** The request or a value in it cannot be used. */
        INVALID,
        /** The caller may not do this (a role, the deploy policy). */
        FORBIDDEN,
        /** What the request names does not exist. */
        NOT_FOUND,
        /** It cannot be done in the current state (busy, already there, the last admin). */
        CONFLICT,
        /** Something needed is not available right now; trying later may work. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String error;
    private final String details;

    private Refused(Kind kind, String error, String details) {
        super(error + ": " + details, null, false, false);
        this.kind = kind;
        this.error = error;
        this.details = details;
    }

    public static Refused invalid(String error, String details) {
        return new Refused(Kind.INVALID, error, details);
    }

    /** A field or setting that cannot be used, named as the caller wrote it ({@code config.TZ}). */
    public static Refused invalidField(String field, String problem) {
        return new Refused(Kind.INVALID, "Invalid request", field + ": " + problem);
    }

    public static Refused forbidden(String error, String details) {
        return new Refused(Kind.FORBIDDEN, error, details);
    }

    public static Refused notFound(String error, String details) {
        return new Refused(Kind.NOT_FOUND, error, details);
    }

    public static Refused conflict(String error, String details) {
        return new Refused(Kind.CONFLICT, error, details);
    }

    public static Refused unavailable(String error, String details) {
        return new Refused(Kind.UNAVAILABLE, error, details);
    }

    public Kind kind() {
        return kind;
    }

    public String error() {
        return error;
    }

    public String details() {
        return details;
    }
}
