package homelabarr.docker;

import java.time.Instant;
import java.util.Map;

/** One container event from the engine: {@code action} is the engine's ("die", "restart", "start"...). */
public record ContainerEvent(String action, String containerId, String name, Map<String, String> labels,
                             Instant time) {
}
