package homelabarr.updates;

import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;
import homelabarr.docker.RunningImage;
import homelabarr.environments.AskEach;
import homelabarr.environments.Environments;
import homelabarr.environments.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The deployed apps' containers and the images they run, as the engines say. A round asks every environment at once,
 * each on its own thread, and waits at most {@link #LIMIT} for all of them: an engine that is switched off or behind
 * a dead socket costs the round no more than that and leaves the other environments' findings whole.
 */
final class DeployedContainers {
    static final Duration LIMIT = Duration.ofSeconds(60);

    /** One container: where it runs, and the image it runs (null, with {@code error}, when it could not be inspected). */
    record Found(String environment, ContainerSummary container, RunningImage running, String error) {
        String service() {
            return DeployedContainers.service(container);
        }
    }

    /** Per app the newest container of each of its services; the environments that could not be asked, and why. */
    record Round(Map<String, List<Found>> apps, Map<String, String> unreached) {
    }

    private final Environments environments;
    /** The environment an app was last deployed to, where its updates run. */
    private final Function<String, String> environmentOf;
    private final Duration limit;

    DeployedContainers(Environments environments, Function<String, String> environmentOf) {
        this(environments, environmentOf, LIMIT);
    }

    /** With a round's limit of its own (tests, which would not wait a minute for an engine that never answers). */
    DeployedContainers(Environments environments, Function<String, String> environmentOf, Duration limit) {
        this.environments = environments;
        this.environmentOf = environmentOf;
        this.limit = limit;
    }

    /** One app, on the environment it was last deployed to; that engine's failure is the caller's. */
    Round of(String appId) {
        String environment = environmentOf.apply(appId);
        return new Round(list(environments.target(environment), appId), Map.of());
    }

    /** Every deployed app on every environment. An app found on several is taken where it was last deployed. */
    Round everywhere() {
        AskEach.Answers<Map<String, List<Found>>> asked = AskEach.ask(environments, t -> list(t, null), limit);
        return new Round(choose(asked.answers()), new TreeMap<>(asked.unreached()));
    }

    private Map<String, List<Found>> choose(Map<String, Map<String, List<Found>>> byEnvironment) {
        Map<String, Map<String, List<Found>>> byApp = new TreeMap<>();
        byEnvironment.forEach((environment, apps) -> apps.forEach((app, found) ->
                byApp.computeIfAbsent(app, k -> new LinkedHashMap<>()).put(environment, found)));
        Map<String, List<Found>> out = new TreeMap<>();
        byApp.forEach((app, places) -> out.put(app, places.size() == 1 ? places.values().iterator().next()
                : places.getOrDefault(environmentOf.apply(app), places.values().iterator().next())));
        return out;
    }

    private static String service(ContainerSummary c) {
        return c.labels().getOrDefault("com.docker.compose.service", c.name());
    }

    /** The newest container of each service of each deployed app (or only {@code appId}) on one environment. */
    private static Map<String, List<Found>> list(Target target, String appId) {
        Engine engine = target.engine();
        List<ContainerSummary> all = appId == null ? engine.containers().stream().filter(c -> c.app() != null).toList()
                : engine.containers(ContainerSummary.APP_LABEL, appId);
        Map<String, Map<String, ContainerSummary>> byApp = new TreeMap<>();
        all.stream().sorted(Comparator.comparing(ContainerSummary::created, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(c -> byApp.computeIfAbsent(c.app(), k -> new LinkedHashMap<>())
                        .put(service(c), c));
        Map<String, List<Found>> out = new TreeMap<>();
        byApp.forEach((app, services) -> {
            List<Found> found = new ArrayList<>();
            for (ContainerSummary c : services.values()) {
                try {
                    found.add(new Found(target.name(), c, engine.runningImage(c.id()), null));
                } catch (RuntimeException e) {
                    found.add(new Found(target.name(), c, null, "The Docker Engine could not inspect the container"));
                }
            }
            out.put(app, List.copyOf(found));
        });
        return out;
    }
}
