package homelabarr.docker;

import java.util.Map;

/** A network as the engine lists it. */
public record NetworkInfo(String id, String name, Map<String, String> labels) {
    public NetworkInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
