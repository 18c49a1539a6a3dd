package homelabarr.swarm;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.RenderedSecrets;
import homelabarr.catalog.Setting;
import homelabarr.deploy.events.Deployment;
import homelabarr.deploy.events.DeploymentStore;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.SettingsResolver;
import homelabarr.docker.SwarmEngine.StackService;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stack redeploy starts from, as a container redeploy does ({@code deploy.run.PreviousSettings}): the last
 * successful deployment's settings on this environment with the request's on top. Secrets are stored masked, so
 * they are read back from the running services' environment; a new generated password would lock the app out of
 * the data it already has.
 */
final class PreviousStack {
    private final DeploymentStore store;

    PreviousStack(DeploymentStore store) {
        this.store = store;
    }

    Map<String, Object> merge(AppTemplate app, String environment, List<StackService> running,
                              Map<String, Object> requested) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Setting> known = new HashMap<>();
        app.allSettings().forEach(s -> known.put(s.key(), s));
        store.lastSucceeded(environment, app.id(), Deployment.STACK).ifPresent(d ->
                d.settings().forEach((k, v) -> {
                    if (known.containsKey(k) && !known.get(k).secret()) {
                        merged.put(k, v);
                    }
                }));
        Map<String, String> secrets = new HashMap<>();
        for (StackService s : running) {
            RenderedSecrets.settings(app, s.labels().get(Plan.LABEL_SERVICE), s.environment()).forEach(secrets::putIfAbsent);
        }
        merged.putAll(secrets);
        if (requested.containsKey(SettingsResolver.ID)) {
            merged.remove("PUID");
            merged.remove("PGID");
        }
        merged.putAll(requested);
        return merged;
    }
}
