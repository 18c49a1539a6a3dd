package homelabarr.http;

import java.util.Map;

/** The one error type: every failure a client should see becomes one of these, and the mapper writes it. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String error;
    private final String details;
    private final Map<String, String> headers;

    private ApiException(int status, String error, String details, Map<String, String> headers) {
        this(status, error, details, headers, null);
    }

    private ApiException(int status, String error, String details, Map<String, String> headers, Throwable cause) {
        super(error + ": " + details, cause, false, false);
        this.status = status;
        this.error = error;
        this.details = details;
        this.headers = headers;
    }

    public static ApiException of(int status, String error, String details) {
        return new ApiException(status, error, details, Map.of());
    }

    public static ApiException badRequest(String error, String details) {
        return of(400, error, details);
    }

    /**
     * A 400 that keeps what went wrong underneath, for the server's eyes only: the log can then tell a client that
     * left mid-request (nothing to report) from one that sent a broken request.
     */
    public static ApiException badRequest(String error, String details, Throwable cause) {
        return new ApiException(400, error, details, Map.of(), cause);
    }

    public static ApiException invalidField(String field, String problem) {
        return of(400, "Invalid request", field + ": " + problem);
    }

    public static ApiException unauthorized(String details) {
        return new ApiException(401, "Not authenticated", details, Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException forbidden(String error, String details) {
        return of(403, error, details);
    }

    public static ApiException notFound(String error, String details) {
        return of(404, error, details);
    }

    public static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(405, "Method not allowed", method + " is not supported here; use " + allowed,
                Map.of("Allow", allowed));
    }

    public static ApiException conflict(String error, String details) {
        return of(409, error, details);
    }

    public static ApiException payloadTooLarge(long limit) {
        return of(413, "Request body too large", "The limit is " + limit + " bytes");
    }

    public static ApiException unsupportedMediaType(String got) {
        return of(415, "Unsupported media type", "Send the body as application/json (got " + got + ")");
    }

    public static ApiException tooManyRequests(String details, long retryAfterSeconds) {
        return new ApiException(429, "Too many requests", details,
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    /** 507: the disk (or the database) is full, so nothing could be stored. */
    public static ApiException insufficientStorage(String details) {
        return of(507, "Storage full", details);
    }

    public static ApiException unavailable(String error, String details) {
        return of(503, error, details);
    }

    /** The same error with one more response header (for example a {@code Set-Cookie} that clears a session). */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(status, error, details, Map.copyOf(more));
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
