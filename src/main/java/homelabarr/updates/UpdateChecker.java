package homelabarr.updates;

import homelabarr.catalog.ImageRef;
import homelabarr.catalog.TemplateException;
import homelabarr.docker.ContainerSummary;
import homelabarr.docker.RunningImage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks deployed apps for updates without pulling: per container, on whichever environment it runs, the registry
 * digests the engine recorded for its image against a manifest {@code HEAD} of its tag, plus newer version tags. One
 * registry question per image per run, however many apps and environments share it; a registry that answered 429
 * is left alone until its {@code Retry-After}.
 */
final class UpdateChecker {
    private static final System.Logger LOG = System.getLogger(UpdateChecker.class.getName());
    private final DeployedContainers containers;
    private final RegistryClient registry;
    private final UpdateStore store;
    private final UpdateEvents events;
    private final Clock clock;
    /** Registries that asked us to wait (429), until when. */
    private final Map<String, Instant> backOff = new ConcurrentHashMap<>();

    /** What the registry said about one image in one run. */
    private record Answer(String remoteDigest, List<String> newerTags, String error) {
    }

    UpdateChecker(DeployedContainers containers, RegistryClient registry, UpdateStore store, UpdateEvents events,
                  Clock clock) {
        this.containers = containers;
        this.registry = registry;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** The checks of one run, by app, and the environments it could not reach (name to why). */
    record Result(Map<String, List<ContainerCheck>> apps, Map<String, String> unreached) {
    }

    /**
     * Checks every deployed app on every environment, or only {@code appId} on the environment it was last deployed
     * to; stores and announces what it found.
     */
    Result check(String appId) {
        DeployedContainers.Round round = appId == null ? containers.everywhere() : containers.of(appId);
        Map<String, Answer> answers = new HashMap<>();
        Map<String, List<ContainerCheck>> result = new TreeMap<>();
        for (Map.Entry<String, List<DeployedContainers.Found>> app : round.apps().entrySet()) {
            List<ContainerCheck> checks = new ArrayList<>();
            for (DeployedContainers.Found found : app.getValue()) {
                checks.add(check(app.getKey(), found, answers));
            }
            store.saveChecks(app.getKey(), checks);
            result.put(app.getKey(), checks);
            announce(app.getKey(), checks);
        }
        if (appId == null) {
            store.keepOnly(List.copyOf(round.apps().keySet()), List.copyOf(round.unreached().keySet()));
            round.unreached().forEach((environment, why) -> LOG.log(System.Logger.Level.WARNING,
                    "Update check: environment " + environment + " skipped: " + why));
        }
        return new Result(result, round.unreached());
    }

    private ContainerCheck check(String appId, DeployedContainers.Found found, Map<String, Answer> answers) {
        Instant now = clock.instant();
        String service = found.service();
        String environment = found.environment();
        ContainerSummary c = found.container();
        RunningImage running = found.running();
        if (running == null) {
            return new ContainerCheck(appId, environment, service, c.name(), c.image(), null, null, List.of(),
                    ContainerCheck.ERROR, found.error(), now);
        }
        ImageRef image;
        try {
            image = ImageRef.parse(running.configured());
        } catch (TemplateException e) {
            return notCheckable(appId, found, running.configured(), null, "not a registry image reference", now);
        }
        Set<String> current = digests(running, image);
        String currentDigest = current.isEmpty() ? null : current.iterator().next();
        if (image.tag() == null) {
            return notCheckable(appId, found, running.configured(), currentDigest, "fixed to a digest, no tag to follow", now);
        }
        if (current.isEmpty()) {
            return notCheckable(appId, found, running.configured(), null, "the image was not pulled from a registry", now);
        }
        ImageRef tagged = new ImageRef(image.registry(), image.repository(), image.tag(), null);
        Answer answer = answers.computeIfAbsent(tagged.canonical(), k -> ask(tagged));
        String shown = tagged.canonical();
        if (answer.error() != null) {
            return new ContainerCheck(appId, environment, service, c.name(), shown, currentDigest, null, answer.newerTags(),
                    ContainerCheck.ERROR, answer.error(), now);
        }
        boolean same = current.contains(answer.remoteDigest());
        return new ContainerCheck(appId, environment, service, c.name(), shown, same ? answer.remoteDigest() : currentDigest,
                answer.remoteDigest(), answer.newerTags(), same ? ContainerCheck.UP_TO_DATE : ContainerCheck.AVAILABLE, null, now);
    }

    private ContainerCheck notCheckable(String appId, DeployedContainers.Found found, String image, String digest,
                                        String why, Instant now) {
        return new ContainerCheck(appId, found.environment(), found.service(), found.container().name(), image, digest, null,
                List.of(), ContainerCheck.NOT_CHECKABLE, "Not checkable: " + why, now);
    }

    /** The digests the engine recorded for this image under the same registry and repository. */
    private static Set<String> digests(RunningImage running, ImageRef image) {
        Registry wanted = Registry.of(image);
        return running.repoDigests().stream().map(entry -> {
            try {
                ImageRef pulled = ImageRef.parse(entry);
                Registry from = Registry.of(pulled);
                return from.host().equals(wanted.host()) && from.repository().equals(wanted.repository())
                        ? pulled.digest() : null;
            } catch (TemplateException e) {
                return null;
            }
        }).filter(d -> d != null).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private Answer ask(ImageRef image) {
        String host = Registry.of(image).host();
        Instant wait = backOff.get(host);
        if (wait != null && clock.instant().isBefore(wait)) {
            return new Answer(null, List.of(), "Rate limited by " + host + ": next check after " + wait);
        }
        try {
            String digest = registry.digest(image);
            List<String> newer = List.of();
            if (TagVersion.parse(image.tag()).isPresent()) {
                newer = newerTags(image);
            }
            return new Answer(digest, newer, null);
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.RATE_LIMITED) {
                backOff.put(host, clock.instant().plus(e.retryAfter()));
            }
            return new Answer(null, List.of(), e.getMessage());
        } catch (RuntimeException e) {
            return new Answer(null, List.of(), "Cannot ask " + host + ": " + Optional.ofNullable(e.getMessage()).orElse("error"));
        }
    }

    /** A registry that lists no tags (some refuse the call) is no reason to fail the digest check. */
    private List<String> newerTags(ImageRef image) {
        try {
            return TagVersion.newer(image.tag(), registry.tags(image));
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.RATE_LIMITED) {
                backOff.put(Registry.of(image).host(), clock.instant().plus(e.retryAfter()));
            }
            return List.of();
        }
    }

    /** One "available" event per app for services whose finding is new (a new digest or a new newest tag). */
    private void announce(String appId, List<ContainerCheck> checks) {
        if (UpdatePolicy.PINNED.equals(store.policy(appId).policy())) {
            return;
        }
        List<UpdateEvents.ServiceUpdate> fresh = new ArrayList<>();
        for (ContainerCheck c : checks) {
            String finding = c.updateAvailable() ? c.remoteDigest() : c.newerTags().isEmpty() ? null : c.newerTags().get(0);
            if (finding != null && store.firstNotice(appId, c.service(), finding)) {
                fresh.add(new UpdateEvents.ServiceUpdate(c.service(), c.image(), c.currentDigest(), c.remoteDigest(),
                        c.newerTags()));
            }
        }
        if (!fresh.isEmpty()) {
            try {
                events.publish(new UpdateEvents.Available(appId, checks.get(0).environment(), fresh));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Update event for " + appId + " could not be published", e);
            }
        }
    }
}
