package homelabarr.deploy.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One deployment record as stored and shown: settings have their secrets masked; where it runs; {@code kind}:
 * containers (on one engine) or stack (a swarm stack).
 */
public record Deployment(String id, String appId, String appName, String mode, String status, String reason,
                  Map<String, String> settings, boolean redeploy, String createdBy, Instant createdAt,
                  Instant startedAt, Instant finishedAt, String environment, String kind) {
    public static final String CONTAINERS = "containers";
    public static final String STACK = "stack";

    /** From the request to the end state, or null while it runs. */
    @JsonProperty("durationMs")
    public Long durationMs() {
        return finishedAt == null ? null : Duration.between(createdAt, finishedAt).toMillis();
    }
}
