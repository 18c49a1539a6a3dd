package homelabarr.deploy.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The values a deployment interpolates its template with, and which of them are secrets. */
public record ResolvedSettings(Map<String, String> values, Set<String> secretKeys) {
    public static final String MASK = "********";

    public ResolvedSettings {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
    }

    /** What may be stored and shown: secrets replaced by a mask. */
    public Map<String, String> masked() {
        Map<String, String> out = new LinkedHashMap<>();
        values.keySet().stream().sorted().forEach(k -> out.put(k, secretKeys.contains(k) ? MASK : values.get(k)));
        return out;
    }

    /** Secret values long enough to be worth hiding in log lines that are sent to the progress stream. */
    public List<String> secretValues() {
        return secretKeys.stream().map(values::get).filter(v -> v != null && v.length() >= 4).toList();
    }
}
