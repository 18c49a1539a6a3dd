package homelabarr.deploy;

import java.time.Duration;

/**
 * Timings of a deployment. {@code settle}: how long a container without a healthcheck must have been running
 * before it counts as up, so an app that crashes right after start is caught rather than reported as deployed.
 * {@code bindFoldersOnHost}: true when this server sees the Docker host's file system (same host, not in a
 * container), so it can create missing bind-mount folders owned by PUID:PGID.
 */
public record DeploySettings(ProxySettings proxy, Duration verifyTimeout, Duration settle, Duration heartbeat,
                             boolean bindFoldersOnHost) {
    public static DeploySettings of(ProxySettings proxy, Duration verifyTimeout, boolean bindFoldersOnHost) {
        return new DeploySettings(proxy, verifyTimeout, Duration.ofSeconds(1), Duration.ofSeconds(15), bindFoldersOnHost);
    }
}
