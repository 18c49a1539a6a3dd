package homelabarr.containers;

import homelabarr.docker.ContainerRef;
import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;
import homelabarr.errors.Refused;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Reads containers from the engine, joined with stats from the shared collector when asked. */
final class ContainerListing {
    private final Engine engine;
    private final StatsCollector collector;
    private final String environment;

    ContainerListing(Engine engine, StatsCollector collector, String environment) {
        this.engine = engine;
        this.collector = collector;
        this.environment = environment;
    }

    /**
     * Containers that pass {@code filter}, sorted by name; stats only for the running ones among them. Every listing
     * is the full picture of what runs, so it also ends the stats streams of containers that stopped meanwhile.
     */
    List<ContainerView> list(Predicate<ContainerSummary> filter, boolean withStats) {
        List<ContainerSummary> all = engine.containers();
        collector.retain(all.stream().filter(ContainerSummary::running).map(ContainerSummary::id)
                .collect(Collectors.toSet()));
        List<ContainerSummary> chosen = all.stream().filter(filter)
                .sorted(Comparator.comparing(ContainerSummary::name)).toList();
        List<ContainerSummary> running = chosen.stream().filter(ContainerSummary::running).toList();
        Map<String, ContainerStats> stats = withStats
                ? collector.stats(running.stream().map(ContainerSummary::id).toList())
                : Map.of();
        collector.describe(running);
        return chosen.stream().map(c -> ContainerView.of(c, stats.get(c.id()), environment)).toList();
    }

    ContainerView one(ContainerRef ref, boolean withStats) {
        ContainerSummary summary = engine.container(ref.id()).orElseThrow(() -> ContainerLookup.notFound(ref.name()));
        ContainerStats stats = withStats && summary.running() ? collector.stats(List.of(ref.id())).get(ref.id()) : null;
        collector.describe(summary.running() ? List.of(summary) : List.of());
        return ContainerView.of(summary, stats, environment);
    }

    ContainerStats statsOf(ContainerRef ref) {
        if (!ref.running()) {
            throw Refused.conflict("Container not running",
                    ref.name() + " is " + ref.state() + "; only running containers have stats");
        }
        ContainerStats stats = collector.stats(List.of(ref.id())).get(ref.id());
        if (stats == null) {
            throw Refused.unavailable("Stats unavailable",
                    "The Docker Engine returned no stats for " + ref.name() + " (it may have just stopped); retry");
        }
        return stats;
    }
}
