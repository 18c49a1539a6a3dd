package homelabarr.containers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.RenderedSecrets;
import homelabarr.docker.ContainerRef;
import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineErrors;
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

    /** The mask for {@code c}; throws (as an API error) when the engine cannot say, since unmasked logs could leak. */
    SecretMask of(ContainerRef c) {
        SecretMask known = byContainer.get(c.id());
        if (known != null) {
            return known;
        }
        SecretMask found;
        try {
            found = find(c.id());
        } catch (RuntimeException e) {
            throw EngineErrors.toApi(e, "read the settings of " + c.name());
        }
        if (byContainer.size() >= MAX_CACHED) {
            byContainer.clear();
        }
        byContainer.put(c.id(), found);
        return found;
    }

    private SecretMask find(String id) {
        InspectContainerResponse container = engine.client().inspectContainerCmd(id).exec();
        List<InspectContainerResponse> inspected = new ArrayList<>(List.of(container));
        String appId = labels(container).get(ContainerSummary.APP_LABEL);
        Optional<AppTemplate> app = appId == null ? Optional.empty() : templates.apply(appId);
        if (app.isPresent()) {
            for (Container sibling : engine.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(ContainerSummary.APP_LABEL, appId)).exec()) {
                if (!sibling.getId().equals(id)) {
                    inspected.add(engine.client().inspectContainerCmd(sibling.getId()).exec());
                }
            }
        }
        Set<String> secrets = new HashSet<>();
        for (InspectContainerResponse c : inspected) {
            Map<String, String> env = RenderedSecrets.environment(c.getConfig() == null ? null : c.getConfig().getEnv());
            env.forEach((name, value) -> {
                if (SecretText.isSecretName(name)) {
                    secrets.add(value);
                }
            });
            app.ifPresent(template -> {
                String service = labels(c).get(SERVICE_LABEL);
                secrets.addAll(RenderedSecrets.settings(template, service, env).values());
                RenderedSecrets.secretEntries(template, service).stream().map(env::get).forEach(secrets::add);
            });
        }
        return new SecretMask(secrets);
    }

    private static Map<String, String> labels(InspectContainerResponse c) {
        return c.getConfig() == null || c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
    }
}
