package homelabarr.deploy.plan;

/**
 * Why a deployment (or an undeploy) is refused before anything runs: the deploy feature's own error, which its HTTP
 * layer (DeployService) turns into a status. {@code error} and {@code details} are shown to the caller as they are.
 */
public final class DeployRefused extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, UNAVAILABLE }

    private final Kind kind;
    private final String error;
    private final String details;

    private DeployRefused(Kind kind, String error, String details) {
        super(error + ": " + details, null, false, false);
        this.kind = kind;
        this.error = error;
        this.details = details;
    }

    /** A request field or setting that cannot be used, named as the caller wrote it ({@code config.TZ}). */
    public static DeployRefused invalidField(String field, String problem) {
        return new DeployRefused(Kind.INVALID, "Invalid request", field + ": " + problem);
    }

    public static DeployRefused invalid(String error, String details) {
        return new DeployRefused(Kind.INVALID, error, details);
    }

    public static DeployRefused notFound(String error, String details) {
        return new DeployRefused(Kind.NOT_FOUND, error, details);
    }

    public static DeployRefused conflict(String error, String details) {
        return new DeployRefused(Kind.CONFLICT, error, details);
    }

    public static DeployRefused unavailable(String error, String details) {
        return new DeployRefused(Kind.UNAVAILABLE, error, details);
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
