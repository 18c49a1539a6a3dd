package homelabarr.docker;

import java.util.Map;

/** A named volume as the engine lists it. */
public record VolumeInfo(String name, Map<String, String> labels) {
    public VolumeInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
