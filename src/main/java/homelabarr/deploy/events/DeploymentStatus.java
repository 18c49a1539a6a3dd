package homelabarr.deploy.events;

import java.util.Locale;

/** The deployment state machine: queued → pulling → creating → starting → verifying → one of the end states. */
public enum DeploymentStatus {
    QUEUED, PULLING, CREATING, STARTING, VERIFYING, SUCCEEDED, FAILED, ROLLED_BACK, CANCELLED, INTERRUPTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isFinal() {
        return ordinal() >= SUCCEEDED.ordinal();
    }

    public static DeploymentStatus parse(String wire) {
        for (DeploymentStatus s : values()) {
            if (s.wireName().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown deployment status " + wire);
    }
}
