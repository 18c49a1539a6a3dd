package homelabarr;

import homelabarr.docker.EngineException;
import homelabarr.http.ClientAddress;
import homelabarr.http.ConnectionLimit;
import homelabarr.http.ErrorMapper;
import homelabarr.http.Json;
import homelabarr.http.ResponseHeaders;
import homelabarr.http.SlowRequests;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http1.Http1Config;

import java.util.List;

/**
 * The web server and its routing: the filters every request passes, the error mapping, each feature's routes at
 * the root and under {@code /api}, the dashboard last. The server's limits and socket options are set here.
 */
final class HttpEdge {
    private static final System.Logger LOG = System.getLogger(HttpEdge.class.getName());

    private HttpEdge() {
    }

    /** Starts the server; it may have failed to bind (see {@link WebServer#isRunning()}). */
    static WebServer start(Config config, Json json, long maxBodyBytes, Filter requestMetrics, SlowRequests slowRequests,
                           List<HttpService> services, HttpService dashboard) {
        HelidonServices.install();
        ErrorMapper errors = new ErrorMapper(json);
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter(requestMetrics);
        routing.addFilter(slowRequests);
        routing.addFilter(new ResponseHeaders(config.corsOrigin(), json));
        routing.addFilter(new ClientAddress(config.trustedProxies()));
        errors.register(routing);
        routing.error(EngineException.class, (req, res, e) -> errors.write(res, EngineFailures.answer(e)));
        for (HttpService service : services) {
            routing.register("/api", service);
            routing.register(service);
        }
        routing.register(dashboard);
        errors.notFound(routing);
        return WebServer.builder()
                .host(config.bindAddress())
                .port(config.port())
                .maxPayloadSize(maxBodyBytes * 4)
                .maxTcpConnections(connectionLimit(config))
                // closes connections idle between requests, or stuck before their request line is complete
                .idleConnectionTimeout(config.requestTimeout())
                .idleConnectionPeriod(config.requestTimeout().dividedBy(4))
                // our HTTP/1 settings replace the discovered defaults instead of adding a second HTTP/1 handler
                .protocolsDiscoverServices(false)
                // blocking socket streams instead of Helidon's NIO socket, which copies every answer through an 8 KiB
                // heap buffer, one write call per 8 KiB: the 118 KB catalog took 15 writes. Measured with wrk, 50
                // connections: GET /applications 5,600 -> 9,300 requests/s, gzipped 19,800 -> 28,400; SSE fan-out
                // to 500 subscribers p99 187 -> 141 ms (docs/benchmarks.md)
                .useNio(false)
                .addProtocol(Http1Config.builder().addReceiveListener(slowRequests).build())
                .directHandlers(errors.directHandlers())
                // without it a response of more than one TCP segment waits ~40 ms for the client's delayed ACK
                // (Nagle): GET /containers with 100 containers took 54 ms instead of 10
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routing)
                .build()
                .start();
    }

    private static int connectionLimit(Config config) {
        long openFiles = ConnectionLimit.openFileLimit();
        int limit = ConnectionLimit.of(config.maxConnections(), openFiles);
        if (config.maxConnections() > limit) {
            LOG.log(System.Logger.Level.WARNING, "MAX_CONNECTIONS=" + config.maxConnections() + " is more than the "
                    + "open-file limit (" + openFiles + ") allows: accepting at most " + limit + " connections");
        }
        return limit;
    }
}
