package homelabarr.deploy.run;

import java.util.List;

/** Why a running deployment stops short of success; the message is shown to the user as the reason. */
final class DeployFailure extends Exception {
    enum Kind { FAILED, CANCELLED, SHUTDOWN }

    private final Kind kind;
    /** The service whose container failed, when one did: its last output is added to the reason. */
    private final String service;

    DeployFailure(String reason) {
        this(Kind.FAILED, reason, null);
    }

    DeployFailure(Kind kind, String reason) {
        this(kind, reason, null);
    }

    private DeployFailure(Kind kind, String reason, String service) {
        super(reason, null, false, false);
        this.kind = kind;
        this.service = service;
    }

    /** An engine call failed: its own words say why (an engine that is gone is said plainly). */
    static DeployFailure engine(String what, homelabarr.docker.EngineException e) {
        return new DeployFailure(Kind.FAILED, what + ": " + (e.kind() == homelabarr.docker.EngineException.Kind.UNREACHABLE
                ? "the Docker Engine is not reachable" : e.engineMessage()), null);
    }

    /** A container of {@code service} failed. */
    static DeployFailure of(String service, String reason) {
        return new DeployFailure(Kind.FAILED, reason, service);
    }

    String service() {
        return service;
    }

    /** The same failure with the container's last output appended. */
    DeployFailure withOutput(List<String> lines) {
        if (lines.isEmpty()) {
            return this;
        }
        return new DeployFailure(kind, getMessage() + "; last output: " + String.join(" | ", lines), service);
    }

    Kind kind() {
        return kind;
    }
}
