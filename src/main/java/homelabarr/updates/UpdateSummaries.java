package homelabarr.updates;

import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.db.Database;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short update state other features add to their views (the deployment detail's {@code update} field): read
 * from the stored checks only, so showing it never asks a registry. Built before the deploy feature, which the
 * rest of the updates feature needs.
 */
public final class UpdateSummaries {
    private final UpdateStore store;

    public UpdateSummaries(Database db, ObjectMapper mapper, Clock clock) {
        this.store = new UpdateStore(db, mapper, clock);
    }

    /** {@code updateAvailable}, {@code policy}, {@code newerTags}, {@code checkedAt}; null when never checked. */
    public Map<String, Object> of(String appId) {
        List<ContainerCheck> checks = store.checks(appId);
        if (checks.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("updateAvailable", checks.stream().anyMatch(ContainerCheck::updateAvailable));
        out.put("policy", store.policy(appId).policy());
        out.put("newerTags", checks.stream().flatMap(c -> c.newerTags().stream()).distinct().toList());
        out.put("checkedAt", checks.stream().map(ContainerCheck::checkedAt).max(java.time.Instant::compareTo).orElse(null));
        out.put("url", "/applications/" + appId + "/update");
        return out;
    }
}
