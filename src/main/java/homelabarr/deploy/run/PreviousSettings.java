package homelabarr.deploy.run;

import homelabarr.deploy.events.Deployment;
import homelabarr.deploy.events.DeploymentStore;
import homelabarr.errors.Refused;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.SettingsResolver;

import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.RenderedSecrets;
import homelabarr.catalog.Setting;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a redeploy starts from: the previous successful deployment's settings, overlaid by the request's. Secrets
 * are stored masked, so they are read back from the running containers' environment (where a template writes
 * {@code PASSWORD: "${DB_PASSWORD}"} or {@code DSN: "postgres://app:${DB_PASSWORD}@db/app"}); otherwise a
 * redeploy would generate a new database password that the existing data does not accept.
 */
public final class PreviousSettings {
    private final Engine engine;
    private final DeploymentStore store;
    private final String environment;

    public PreviousSettings(Engine engine, DeploymentStore store, String environment) {
        this.engine = engine;
        this.store = store;
        this.environment = environment;
    }

    /** The request's config on top of what the app runs with now. */
    public Map<String, Object> merge(AppTemplate app, Map<String, Object> requested) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Setting> known = new HashMap<>();
        app.allSettings().forEach(s -> known.put(s.key(), s));
        store.lastSucceeded(environment, app.id(), Deployment.CONTAINERS).ifPresent(d ->
                d.settings().forEach((k, v) -> {
                    if (known.containsKey(k) && !known.get(k).secret()) {
                        merged.put(k, v);
                    }
                }));
        try {
            secrets(app).forEach(merged::put);
        } catch (RuntimeException e) {
            throw Refused.unavailable("Docker Engine unavailable",
                    "A redeploy reads the running app's settings from the Docker Engine, which does not answer");
        }
        if (requested.containsKey(SettingsResolver.ID)) {
            merged.remove("PUID");
            merged.remove("PGID");
        }
        merged.putAll(requested);
        return merged;
    }

    private Map<String, String> secrets(AppTemplate app) {
        Map<String, String> found = new HashMap<>();
        for (ContainerSummary c : engine.containers(Plan.LABEL_APP, app.id())) {
            Map<String, String> env = engine.details(c.id()).environment();
            RenderedSecrets.settings(app, c.labels().get(Plan.LABEL_SERVICE), env).forEach(found::putIfAbsent);
        }
        return found;
    }
}
