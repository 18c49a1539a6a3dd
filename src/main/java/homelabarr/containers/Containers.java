package homelabarr.containers;

import homelabarr.audit.AuditLog;
import homelabarr.docker.Engine;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** The containers feature, wired: its routes, and the stats collector's counters for tests and operators. */
public final class Containers implements AutoCloseable {
    /** How long a stats sample is served from cache; dashboards poll every few seconds. */
    static final Duration STATS_TTL = Duration.ofSeconds(2);
    /** Above the container count of a typical homelab; see {@link StatsCollector} for why it must be. */
    static final int STATS_PARALLEL = 128;
    static final Duration STREAM_INTERVAL = Duration.ofSeconds(3);

    private final StatsCollector collector;
    private final StatsStream statsStream;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final HttpService service;

    public Containers(Engine engine, AuditLog audit, Json json, Authenticator authenticator, Clock clock) {
        this.collector = new StatsCollector(engine.stats()::read, STATS_TTL, Duration.ofSeconds(30), STATS_PARALLEL,
                Duration.ofSeconds(15));
        ContainerListing listing = new ContainerListing(engine, collector);
        this.statsStream = new StatsStream(listing, json, clock, STREAM_INTERVAL, shutdown);
        this.service = new ContainersService(new ContainerLookup(engine), listing, new ContainerActions(engine),
                new ContainerLogs(engine, json), statsStream, audit, json, authenticator, shutdown);
    }

    public HttpService service() {
        return service;
    }

    /** Stats requests sent to the engine since start: N polling clients must not multiply it. */
    public long engineStatsRequests() {
        return collector.engineRequests();
    }

    /** Open {@code /stream/stats} connections. */
    public int openStatsStreams() {
        return statsStream.open();
    }

    /** Ends open event streams (they would keep the server from stopping) and the collector's threads. */
    @Override
    public void close() {
        shutdown.countDown();
        collector.close();
    }
}
