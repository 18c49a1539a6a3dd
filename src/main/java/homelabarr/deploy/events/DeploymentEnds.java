package homelabarr.deploy.events;

/**
 * Told once when a deployment reaches its end state, with the stored record (final status and reason), by
 * {@link Progress}. Notifications and metrics listen here; it must return quickly and never throw.
 */
@FunctionalInterface
public interface DeploymentEnds {
    void ended(Deployment deployment);

    DeploymentEnds NONE = deployment -> { };
}
