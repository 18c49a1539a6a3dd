package homelabarr.docker;

import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;

/**
 * Wraps the transport so that "cannot connect" surfaces as one typed exception, whichever feature made the call,
 * instead of docker-java's bare RuntimeException around a SocketException (which would otherwise become a 500).
 */
final class ReachabilityGuard implements DockerHttpClient {
    private final DockerHttpClient delegate;

    ReachabilityGuard(DockerHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response execute(Request request) {
        try {
            return delegate.execute(request);
        } catch (EngineUnreachableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (EngineErrors.unreachable(e)) {
                throw new EngineUnreachableException(e);
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
