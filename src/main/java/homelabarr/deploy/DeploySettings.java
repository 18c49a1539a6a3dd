package homelabarr.deploy;

import homelabarr.deploy.plan.ProxySettings;

import java.time.Duration;

/**
 * Timings of a deployment. {@code settle}: how long a container without a healthcheck must have been running
 * before it counts as up, so an app that crashes right after start is caught rather than reported as deployed.
 */
public record DeploySettings(ProxySettings proxy, Duration verifyTimeout, Duration settle, Duration heartbeat) {
    public static DeploySettings of(ProxySettings proxy, Duration verifyTimeout) {
        return new DeploySettings(proxy, verifyTimeout, Duration.ofSeconds(1), Duration.ofSeconds(15));
    }
}
