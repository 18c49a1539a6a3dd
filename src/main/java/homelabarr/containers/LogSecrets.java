package homelabarr.containers;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.RenderedSecrets;
import homelabarr.docker.ContainerRef;
import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;
import homelabarr.docker.ContainerDetails;
import homelabarr.docker.SecretText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which values to hide in a container's logs: the docs promise that secrets are masked in every answer, and a
 * container prints what it was given. For an app HomelabARR deployed, its template says which settings are secrets;
 * their values are read back from the environment of every container of the app (a web container may print the
 * password only its database container was given). For any container, environment values whose variable name
 * says "secret" are hidden too. A container's environment never changes, so this is worked out once per container
 * id and kept: a follow stream or a reader polling the logs costs no further engine calls.
 */
final class LogSecrets {
    /** Enough for every container of a large homelab; past it the cache starts again rather than grow. */
    private static final int MAX_CACHED = 2048;
    private static final String SERVICE_LABEL = "com.docker.compose.service";
    private final Engine engine;
    private final Function<String, Optional<AppTemplate>> templates;
    private final Map<String, SecretMask> byContainer = new ConcurrentHashMap<>();

    LogSecrets(Engine engine, Function<String, Optional<AppTemplate>> templates) {
        this.engine = engine;
        this.templates = templates;
    }

    /** The mask for {@code c}; throws when the engine cannot say, since unmasked logs could leak. */
    SecretMask of(ContainerRef c) {
        SecretMask known = byContainer.get(c.id());
        if (known != null) {
            return known;
        }
        SecretMask found = find(c.id());
        if (byContainer.size() >= MAX_CACHED) {
            byContainer.clear();
        }
        byContainer.put(c.id(), found);
        return found;
    }

    private SecretMask find(String id) {
        ContainerDetails container = engine.details(id);
        List<ContainerDetails> inspected = new ArrayList<>(List.of(container));
        String appId = container.labels().get(ContainerSummary.APP_LABEL);
        Optional<AppTemplate> app = appId == null ? Optional.empty() : templates.apply(appId);
        if (app.isPresent()) {
            for (ContainerSummary sibling : engine.containers(ContainerSummary.APP_LABEL, appId)) {
                if (!sibling.id().equals(id)) {
                    inspected.add(engine.details(sibling.id()));
                }
            }
        }
        Set<String> secrets = new HashSet<>();
        for (ContainerDetails c : inspected) {
            Map<String, String> env = c.environment();
            env.forEach((name, value) -> {
                if (SecretText.isSecretName(name)) {
                    secrets.add(value);
                }
            });
            app.ifPresent(template -> {
                String service = c.labels().get(SERVICE_LABEL);
                secrets.addAll(RenderedSecrets.settings(template, service, env).values());
                RenderedSecrets.secretEntries(template, service).stream().map(env::get).forEach(secrets::add);
            });
        }
        return new SecretMask(secrets);
    }
}
