package homelabarr.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.Version;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link DockerEngine}'s health pings (version, swarm state), on connections of their own and each bounded in time:
 * behind busy calls in the shared pool a ping would wait and report a working engine as down.
 */
final class DockerPing implements AutoCloseable {
    private final DockerClient client;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    DockerPing(DockerClient client) {
        this.client = client;
    }

    Engine.Info info(Duration timeout) {
        Version v = bounded(() -> client.versionCmd().exec(), timeout);
        return new Engine.Info(v.getVersion(), v.getApiVersion(), v.getOperatingSystem(), v.getArch());
    }

    Engine.Swarm swarm(Duration timeout) {
        SwarmInfo swarm = bounded(() -> client.infoCmd().exec(), timeout).getSwarm();
        String state = swarm == null || swarm.getLocalNodeState() == null ? "inactive"
                : swarm.getLocalNodeState().getValue();
        return new Engine.Swarm(state, swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable()));
    }

    /** One call that gives up after {@code timeout}: a hung engine must not hang the caller. */
    private <T> T bounded(Callable<T> request, Duration timeout) {
        Future<T> call = calls.submit(request);
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw EngineException.unreachable("The Docker Engine did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw EngineException.unreachable("The Docker Engine is not reachable", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.unreachable("Interrupted while asking the Docker Engine", e);
        }
    }

    @Override
    public void close() throws IOException {
        calls.shutdownNow();
        client.close();
    }
}
