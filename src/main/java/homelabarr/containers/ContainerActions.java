package homelabarr.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import homelabarr.docker.ContainerRef;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineErrors;
import homelabarr.http.ApiException;

import java.util.function.Consumer;

/**
 * Start, stop, restart and remove. The engine answers 304 when a container already is in the asked-for state; that
 * is a success without change ({@code changed: false}), not an error.
 */
final class ContainerActions {
    /** The outcome of an action: what it was done to, whether anything changed, and the state afterwards. */
    record Result(String action, String id, String name, boolean changed, String state) {
    }

    private final Engine engine;

    ContainerActions(Engine engine) {
        this.engine = engine;
    }

    Result start(ContainerRef c) {
        return run("start", c, docker -> docker.startContainerCmd(c.id()).exec());
    }

    Result stop(ContainerRef c, int timeoutSeconds) {
        return run("stop", c, docker -> docker.stopContainerCmd(c.id()).withTimeout(timeoutSeconds).exec());
    }

    Result restart(ContainerRef c, int timeoutSeconds) {
        return run("restart", c, docker -> docker.restartContainerCmd(c.id()).withTimeout(timeoutSeconds).exec());
    }

    /** A running container is only removed with {@code force}, so a click cannot kill a working app by accident. */
    Result remove(ContainerRef c, boolean force, boolean volumes) {
        if (c.running() && !force) {
            throw ApiException.conflict("Container is running",
                    c.name() + " is running; stop it first or pass force=true to remove it anyway");
        }
        try {
            engine.client().removeContainerCmd(c.id()).withForce(force).withRemoveVolumes(volumes).exec();
        } catch (NotFoundException e) {
            throw ContainerLookup.notFound(c.name());
        } catch (RuntimeException e) {
            throw EngineErrors.toApi(e, "remove container " + c.name());
        }
        return new Result("remove", c.id(), c.name(), true, "removed");
    }

    private Result run(String action, ContainerRef c, Consumer<DockerClient> call) {
        boolean changed = true;
        try {
            call.accept(engine.client());
        } catch (NotModifiedException e) {
            changed = false;
        } catch (NotFoundException e) {
            throw ContainerLookup.notFound(c.name());
        } catch (RuntimeException e) {
            throw EngineErrors.toApi(e, action + " container " + c.name());
        }
        return new Result(action, c.id(), c.name(), changed, stateOf(c));
    }

    private String stateOf(ContainerRef c) {
        try {
            return engine.inspect(c.id()).state();
        } catch (NotFoundException e) {
            return "removed";
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
