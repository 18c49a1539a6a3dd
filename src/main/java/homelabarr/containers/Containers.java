package homelabarr.containers;

import homelabarr.audit.ServiceParts;
import homelabarr.catalog.AppTemplate;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
import homelabarr.policy.DeployPolicy;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** The containers feature, wired: its routes, and the stats collectors' counters for tests and operators. */
public final class Containers implements AutoCloseable {
    /**
     * The first stats request waits this long for new streams' second frame (the first with a CPU figure). The
     * engine sends frames 1 s apart, the first at once when idle, else within a second. But one engine pass reads
     * every streamed container in turn: with 100 new streams on a loaded machine a pass took 2-3 s, and a 2.5 s
     * bound sent 96 of 100 containers without figures (2026-12-02). 10 s lets the first answer carry every figure
     * and still bounds the wait when a container does not answer.
     */
    static final Duration FIRST_FRAME_WAIT = Duration.ofSeconds(10);
    /** Stats streams end after this long without a stats request; a dashboard polls far more often. */
    static final Duration STATS_QUIET = Duration.ofSeconds(60);
    static final Duration STREAM_INTERVAL = Duration.ofSeconds(3);

    private final PerEnvironment<ContainerParts> engines;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final HttpService service;

    /** {@code templates} finds a deployed app's template by id: it says which of its settings are secrets. */
    public Containers(Environments environments, DeployPolicy policy, Function<String, Optional<AppTemplate>> templates,
                      ServiceParts parts, Clock clock) {
        this.engines = new PerEnvironment<>(environments,
                target -> ContainerParts.of(target, policy, templates, parts.json(), clock, shutdown));
        this.service = new ContainersService(environments, engines, parts, shutdown);
    }

    public HttpService service() {
        return service;
    }

    /** Stats streams opened on the engines since start: N polling clients must not multiply it. */
    public long engineStatsRequests() {
        return engines.built().values().stream().mapToLong(p -> p.collector().engineRequests()).sum();
    }

    /** Stats streams open on the engines now; 0 once nobody asked for stats for a while. */
    public int openEngineStatsStreams() {
        return engines.built().values().stream().mapToInt(p -> p.collector().openStreams()).sum();
    }

    /** Open {@code /stream/stats} connections of clients. */
    public int openStatsStreams() {
        return engines.built().values().stream().mapToInt(p -> p.statsStream().open()).sum();
    }

    /** Open {@code /containers/{id}/logs?follow=true} connections of clients, in every environment. */
    public int openLogStreams() {
        return engines.built().values().stream().mapToInt(p -> p.logs().following()).sum();
    }

    /** The latest stats of containers whose stream is open, from memory (for /metrics), in every environment. */
    public List<ContainerFigures> figures() {
        return engines.built().values().stream().flatMap(p -> p.collector().figures().stream()).toList();
    }

    /** Ends open event streams (they would keep the server from stopping) and the engines' stats streams. */
    @Override
    public void close() {
        shutdown.countDown();
        engines.close();
    }
}
