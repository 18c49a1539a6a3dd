package homelabarr.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

/**
 * Wraps the transport so that "cannot connect" surfaces as one typed exception, whichever feature made the call,
 * instead of docker-java's bare RuntimeException around a SocketException (which would otherwise become a 500).
 * An I/O failure alone does not prove the engine unreachable: a connection can also be closed or reset half-way
 * through one exchange. So the engine is asked for a fresh connection first; if it takes one, the failure is an
 * engine error for this request (502), not "the Docker Engine is unavailable" (503) for the whole server.
 */
final class ReachabilityGuard implements DockerHttpClient {
    private static final System.Logger LOG = System.getLogger(ReachabilityGuard.class.getName());
    private final DockerHttpClient delegate;
    private final BooleanSupplier acceptsConnections;

    ReachabilityGuard(DockerHttpClient delegate, BooleanSupplier acceptsConnections) {
        this.delegate = delegate;
        this.acceptsConnections = acceptsConnections;
    }

    @Override
    public Response execute(Request request) {
        try {
            return delegate.execute(request);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!EngineCalls.causedByIo(e)) {
                throw e;
            }
            if (acceptsConnections.getAsBoolean()) {
                // the one place that still knows why (a reset, a TLS alert, a stale pooled connection)
                LOG.log(System.Logger.Level.WARNING, "Connection to the Docker Engine broke during "
                        + request.method() + " " + request.path() + ": " + rootCause(e));
                throw new DockerException("The connection to the Docker Engine broke during the request", 502, e);
            }
            throw EngineException.unreachable("reach the Docker Engine", e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    /** True when a connection to the engine at {@code dockerHost} (unix:// or tcp://) can be opened right now. */
    static boolean acceptsConnections(String dockerHost) {
        URI uri = URI.create(dockerHost);
        try {
            if ("unix".equalsIgnoreCase(uri.getScheme())) {
                try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(uri.getPath()))) {
                    return channel.isConnected();
                }
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
