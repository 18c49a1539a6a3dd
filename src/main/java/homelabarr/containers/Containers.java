package homelabarr.containers;

import homelabarr.audit.AuditLog;
import homelabarr.catalog.AppTemplate;
import homelabarr.docker.Engine;
import homelabarr.docker.StatsReader;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import homelabarr.policy.ContainerGuard;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** The containers feature, wired: its routes, and the stats collector's counters for tests and operators. */
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

    private final StatsCollector collector;
    private final StatsStream statsStream;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final HttpService service;

    /** {@code templates} finds a deployed app's template by id: it says which of its settings are secrets. */
    public Containers(Engine engine, ContainerGuard guard, Function<String, Optional<AppTemplate>> templates,
                      AuditLog audit, Json json, Authenticator authenticator, Clock clock) {
        this.collector = new StatsCollector(engine::stats, FIRST_FRAME_WAIT, STATS_QUIET,
                StatsReader.MAX_STREAMS);
        ContainerListing listing = new ContainerListing(engine, collector);
        this.statsStream = new StatsStream(listing, json, clock, STREAM_INTERVAL, shutdown);
        this.service = new ContainersService(new ContainerLookup(engine), listing, new ContainerActions(engine),
                new ContainerLogs(engine, new LogSecrets(engine, templates), json), statsStream, guard, audit, json,
                authenticator, shutdown);
    }

    public HttpService service() {
        return service;
    }

    /** Stats streams opened on the engine since start: N polling clients must not multiply it. */
    public long engineStatsRequests() {
        return collector.engineRequests();
    }

    /** Stats streams open on the engine now; 0 once nobody asked for stats for a while. */
    public int openEngineStatsStreams() {
        return collector.openStreams();
    }

    /** Open {@code /stream/stats} connections of clients. */
    public int openStatsStreams() {
        return statsStream.open();
    }

    /** Ends open event streams (they would keep the server from stopping) and the engine's stats streams. */
    @Override
    public void close() {
        shutdown.countDown();
        collector.close();
    }
}
