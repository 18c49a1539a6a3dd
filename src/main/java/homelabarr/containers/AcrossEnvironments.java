package homelabarr.containers;

import homelabarr.docker.ContainerSummary;
import homelabarr.environments.AskEach;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code GET /containers?env=all}: every environment asked at once, each bounded by {@link #WAIT}, so one engine
 * that is down or hangs leaves its containers out (named in {@code unreachable}) and never the others'.
 */
final class AcrossEnvironments {
    static final Duration WAIT = Duration.ofSeconds(8);

    private final Environments environments;
    private final PerEnvironment<ContainerParts> parts;

    AcrossEnvironments(Environments environments, PerEnvironment<ContainerParts> parts) {
        this.environments = environments;
        this.parts = parts;
    }

    /** The containers of every environment that answered, and the names of those that did not. */
    record Listed(boolean success, List<ContainerView> data, int total, List<String> unreachable) {
    }

    Listed list(Predicate<ContainerSummary> filter, boolean withStats) {
        AskEach.Answers<List<ContainerView>> asked = AskEach.ask(environments,
                t -> parts.get(t).listing().list(filter, withStats), WAIT);
        List<ContainerView> all = new ArrayList<>();
        asked.answers().values().forEach(all::addAll);
        List<String> unreachable = List.copyOf(asked.unreached().keySet());
        all.sort(Comparator.comparing(ContainerView::name).thenComparing(ContainerView::environment));
        return new Listed(true, all, all.size(), unreachable);
    }
}
