package homelabarr.deploy.plan;

import homelabarr.errors.Refused;

/**
 * Why a deployment (or an undeploy) is refused before anything runs. A {@link Refused}, so the edge answers it like
 * any other; it keeps its own {@link Kind} only because swarm's HTTP layer still maps it by hand (once swarm leaves
 * that to the edge, this class can give way to {@link Refused}).
 */
public final class DeployRefused extends Refused {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, UNAVAILABLE }

    private final Kind kind;

    private DeployRefused(Kind kind, String error, String details) {
        super(switch (kind) {
            case INVALID -> Refused.Kind.INVALID;
            case NOT_FOUND -> Refused.Kind.NOT_FOUND;
            case CONFLICT -> Refused.Kind.CONFLICT;
            case UNAVAILABLE -> Refused.Kind.UNAVAILABLE;
        }, error, details);
        this.kind = kind;
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
}
