package homelabarr.containers;

import homelabarr.catalog.AppTemplate;
import homelabarr.docker.StatsReader;
import homelabarr.environments.Target;
import homelabarr.http.Json;
import homelabarr.policy.ContainerGuard;
import homelabarr.policy.DeployPolicy;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The containers feature for one environment: each has its own stats collector (and so its own engine streams),
 * so a slow or lost engine holds up only the answers about its own containers.
 */
record ContainerParts(ContainerLookup lookup, ContainerListing listing, ContainerActions actions, ContainerLogs logs,
                      ContainerGuard guard, StatsCollector collector, StatsStream statsStream) implements AutoCloseable {

    static ContainerParts of(Target target, DeployPolicy policy, Function<String, Optional<AppTemplate>> templates,
                             Json json, Clock clock, CountDownLatch shutdown) {
        StatsCollector collector = new StatsCollector(target.engine()::stats, Containers.FIRST_FRAME_WAIT,
                Containers.STATS_QUIET, StatsReader.MAX_STREAMS);
        ContainerListing listing = new ContainerListing(target.engine(), collector, target.name());
        return new ContainerParts(new ContainerLookup(target.engine()), listing, new ContainerActions(target.engine()),
                new ContainerLogs(target.engine(), new LogSecrets(target.engine(), templates), json),
                new ContainerGuard(target.engine(), policy, target.host()), collector,
                new StatsStream(listing, json, clock, Containers.STREAM_INTERVAL, shutdown));
    }

    @Override
    public void close() {
        collector.close();
    }
}
