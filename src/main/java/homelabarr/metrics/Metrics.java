package homelabarr.metrics;

import homelabarr.containers.ContainerFigures;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's metrics, in a registry of its own (never the client library's static default one). Every label has
 * a bounded set of values: route templates, engine operations, deployment outcomes, channel types, and containers
 * only as many as the stats collector holds streams for.
 */
public final class Metrics {
    private static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final double NANOS = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram requestSeconds;
    private final Counter deployments;
    private final Histogram engineSeconds;
    private final Counter notificationAttempts;

    /*
     * Without exemplars: nothing here records trace ids, and the exemplar sampler would start the metrics library's
     * scheduler thread, which then idles for the life of the process.
     */
    public Metrics() {
        requests = Counter.builder().name("homelabarr_http_requests_total")
                .help("HTTP requests by method, route template and status").labelNames("method", "route", "status")
                .withoutExemplars().register(registry);
        requestSeconds = Histogram.builder().name("homelabarr_http_request_duration_seconds")
                .help("Time from a request's arrival to its response being sent (event streams: their whole life)")
                .labelNames("method", "route").classicOnly().classicUpperBounds(SECONDS).withoutExemplars().register(registry);
        deployments = Counter.builder().name("homelabarr_deployments_total")
                .help("Deployments that ended, by outcome").labelNames("outcome").withoutExemplars().register(registry);
        engineSeconds = Histogram.builder().name("homelabarr_engine_call_duration_seconds")
                .help("Docker Engine calls by operation and outcome (streams: until open)")
                .labelNames("operation", "outcome").classicOnly().classicUpperBounds(SECONDS).withoutExemplars().register(registry);
        notificationAttempts = Counter.builder().name("homelabarr_notification_attempts_total")
                .help("Notification delivery attempts by channel type and outcome").labelNames("type", "outcome")
                .withoutExemplars().register(registry);
    }

    void request(String method, String route, int status, long nanos) {
        requests.labelValues(method, route, Integer.toString(status)).inc();
        requestSeconds.labelValues(method, route).observe(nanos / NANOS);
    }

    void engineCall(String operation, boolean ok, long nanos) {
        engineSeconds.labelValues(operation, ok ? "ok" : "error").observe(nanos / NANOS);
    }

    /** A deployment ended with {@code outcome} (succeeded, failed, rolled-back, cancelled, interrupted). */
    public void deploymentEnded(String outcome) {
        deployments.labelValues(outcome).inc();
    }

    public void notificationAttempt(String type, boolean delivered) {
        notificationAttempts.labelValues(type, delivered ? "delivered" : "failed").inc();
    }

    /** Open event streams by kind, read at each scrape. */
    public void sseSubscribers(Map<String, IntSupplier> streams) {
        GaugeWithCallback.builder().name("homelabarr_sse_subscribers").help("Open Server-Sent Event streams by kind")
                .labelNames("stream").callback(cb -> streams.forEach((kind, count) -> cb.call(count.getAsInt(), kind)))
                .register(registry);
    }

    /**
     * Per-container figures from the stats collector's memory, read at each scrape: only containers whose stats
     * stream is open (someone watched their stats within the last minute), never an extra engine call.
     */
    public void containers(Supplier<List<ContainerFigures>> figures) {
        gauge("homelabarr_container_cpu_percent", "CPU use in percent of one CPU, as docker stats shows it",
                figures, f -> f.stats().cpuPercent() == null ? Double.NaN : f.stats().cpuPercent());
        gauge("homelabarr_container_memory_used_bytes", "Memory used, without reclaimable page cache",
                figures, f -> f.stats().memoryUsedBytes());
        gauge("homelabarr_container_memory_limit_bytes", "Memory limit", figures, f -> f.stats().memoryLimitBytes());
        gauge("homelabarr_container_stats_sampled_timestamp_seconds", "When the engine sampled these figures",
                figures, f -> f.stats().sampledAt().toEpochMilli() / 1000.0);
        counter("homelabarr_container_network_receive_bytes_total", "Bytes received on all networks since start",
                figures, f -> f.stats().networkRxBytes());
        counter("homelabarr_container_network_transmit_bytes_total", "Bytes sent on all networks since start",
                figures, f -> f.stats().networkTxBytes());
    }

    private void gauge(String name, String help, Supplier<List<ContainerFigures>> figures,
                       ToDoubleFunction<ContainerFigures> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("id", "name", "app")
                .callback(cb -> figures.get().forEach(f -> {
                    double v = value.applyAsDouble(f);
                    if (!Double.isNaN(v)) {
                        cb.call(v, labels(f));
                    }
                })).register(registry);
    }

    private void counter(String name, String help, Supplier<List<ContainerFigures>> figures,
                         ToDoubleFunction<ContainerFigures> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames("id", "name", "app")
                .callback(cb -> figures.get().forEach(f -> cb.call(value.applyAsDouble(f), labels(f))))
                .register(registry);
    }

    /** The short id (as docker ps shows it), the name and the app; unknown ones empty. */
    private static String[] labels(ContainerFigures f) {
        return new String[]{f.id().substring(0, Math.min(12, f.id().length())), f.name() == null ? "" : f.name(),
                f.app() == null ? "" : f.app()};
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    void write(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }
}
