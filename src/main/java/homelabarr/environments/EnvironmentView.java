package homelabarr.environments;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * An environment as the API shows it. Never its TLS material or where that is kept: {@code tls} only says whether
 * the connection uses mutual TLS. {@code swarmRole} is manager, worker, or the node state (inactive, pending…).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EnvironmentView(String name, String kind, String address, boolean builtin, boolean tls, boolean reachable,
                       String engineVersion, String apiVersion, String swarmRole, String lastError,
                       Instant lastChecked) {
}
