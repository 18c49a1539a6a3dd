package homelabarr.updates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers of the update routes: per app its policy and a summary, per container its last check. */
final class UpdateViews {
    private static final int RUNS_SHOWN = 10;

    private UpdateViews() {
    }

    /** One app's update state. {@code updateAvailable}: a service's tag has a new digest on its registry. */
    record AppUpdates(String appId, String policy, String window, boolean updateAvailable, List<String> newerTags,
                      Instant checkedAt, List<ContainerCheck> containers) {
    }

    static List<AppUpdates> apps(UpdateStore store, List<ContainerCheck> checks) {
        Map<String, List<ContainerCheck>> byApp = new LinkedHashMap<>();
        checks.forEach(c -> byApp.computeIfAbsent(c.appId(), k -> new ArrayList<>()).add(c));
        return byApp.entrySet().stream().map(e -> summary(store.policy(e.getKey()), e.getValue())).toList();
    }

    static Map<String, Object> app(UpdateStore store, String appId) {
        Map<String, Object> out = new LinkedHashMap<>();
        AppUpdates summary = summary(store.policy(appId), store.checks(appId));
        out.put("appId", appId);
        out.put("policy", summary.policy());
        out.put("window", summary.window());
        out.put("updateAvailable", summary.updateAvailable());
        out.put("newerTags", summary.newerTags());
        out.put("checkedAt", summary.checkedAt());
        out.put("containers", summary.containers());
        out.put("runs", store.runs(appId, RUNS_SHOWN));
        return out;
    }

    private static AppUpdates summary(UpdatePolicy policy, List<ContainerCheck> checks) {
        boolean available = checks.stream().anyMatch(ContainerCheck::updateAvailable);
        List<String> newer = checks.stream().flatMap(c -> c.newerTags().stream()).distinct().toList();
        Instant at = checks.stream().map(ContainerCheck::checkedAt).max(Instant::compareTo).orElse(null);
        return new AppUpdates(policy.appId(), policy.policy(), policy.window(), available, newer, at, checks);
    }
}
