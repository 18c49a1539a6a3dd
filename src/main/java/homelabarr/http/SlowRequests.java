package homelabarr.http;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1ConnectionListener;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a client may take to send a request, so that slow or stalled clients (slowloris) cannot hold
 * connections, and with them file descriptors, for ever: the web server itself waits as long as a client likes
 * once the request line is in. A request's head (request line to blank line) must arrive within the limit of the
 * request line; its body within the limit of the first read of it. An overrun closes the connection. The time
 * before the request line, and between requests, is bounded by the web server's idle timeout, set to the same
 * limit by {@code App}.
 * <p>
 * It watches each connection through the HTTP/1 listener (called on the connection's own thread when the request
 * line and the headers have been read) and each body through a stream filter; one sweeper closes what overran.
 */
public final class SlowRequests implements Http1ConnectionListener, Filter, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SlowRequests.class.getName());
    private static final long NONE = Long.MAX_VALUE;

    private final long limitNanos;
    private final Map<Thread, Watch> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("slow-requests").factory());

    /** The request being received on one connection thread: its socket, and when the part being read is due. */
    private static final class Watch {
        private final HelidonSocket socket;
        private volatile long due;

        private Watch(HelidonSocket socket, long due) {
            this.socket = socket;
            this.due = due;
        }
    }

    public SlowRequests(Duration limit) {
        this.limitNanos = limit.toNanos();
        long every = Math.clamp(limit.toMillis() / 4, 100, 1000);
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        watched.put(Thread.currentThread(), new Watch(ctx.serverSocket(), System.nanoTime() + limitNanos));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        Watch watch = watched.get(Thread.currentThread());
        if (watch != null) {
            watch.due = NONE;
        }
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        // before anything touches req.content(): the entity takes the filters in place when it is first asked for
        req.streamFilter(TimedBody::new);
        // The web server's idle timeout counts from the start of a request, so it takes a request that runs longer
        // than the limit for an idle connection and closes the connection right after the answer. A client told
        // nothing would send its next request on a connection that is going away; this answer says so instead.
        long started = System.nanoTime();
        res.beforeSend(() -> {
            if (System.nanoTime() - started > limitNanos / 2) {
                res.header(HeaderNames.CONNECTION, "close");
            }
        });
        chain.proceed();
    }

    /** Times the body from its first read (by a handler, or by the server skipping what the handler left). */
    private final class TimedBody extends FilterInputStream {
        private Watch watch;

        private TimedBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            start();
            int b = super.read();
            if (b < 0) {
                end();
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int off, int len) throws IOException {
            start();
            int n = super.read(bytes, off, len);
            if (n < 0) {
                end();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            start();  // closing reads and drops the rest of the body
            try {
                super.close();
            } finally {
                end();
            }
        }

        private void start() {
            if (watch == null) {
                watch = watched.get(Thread.currentThread());
                if (watch != null) {
                    watch.due = System.nanoTime() + limitNanos;
                }
            }
        }

        private void end() {
            if (watch != null) {
                watch.due = NONE;
            }
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        watched.forEach((thread, watch) -> {
            if (!thread.isAlive()) {
                watched.remove(thread, watch);
            } else if (watch.due != NONE && now - watch.due > 0) {
                watched.remove(thread, watch);
                LOG.log(System.Logger.Level.DEBUG, "Closing a connection whose request did not arrive in time");
                try {
                    // a thread blocked reading this socket fails at once; the server then ends the connection
                    watch.socket.close();
                } catch (RuntimeException alreadyClosed) {
                    // the client went at the same moment
                }
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
