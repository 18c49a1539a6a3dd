package homelabarr.deploy;

import homelabarr.deploy.plan.ProxySettings;

import java.time.Duration;

/**
 * Timings of a deployment. {@code settle}: how long a container without a healthcheck must have been running
 * before it counts as up, so an app that crashes right after start is caught rather than reported as deployed.
 * {@code updateKeepRunning}: how long an updated app must keep running (the update's health gate) before the
 * previous version is removed.
 */
public record DeploySettings(ProxySettings proxy, Duration verifyTimeout, Duration settle, Duration heartbeat,
                             Duration updateKeepRunning) {
    public static DeploySettings of(ProxySettings proxy, Duration verifyTimeout) {
        return of(proxy, verifyTimeout, Duration.ofSeconds(10));
    }

    public static DeploySettings of(ProxySettings proxy, Duration verifyTimeout, Duration updateKeepRunning) {
        return new DeploySettings(proxy, verifyTimeout, Duration.ofSeconds(1), Duration.ofSeconds(15), updateKeepRunning);
    }
}
