package homelabarr.containers;

import homelabarr.docker.ContainerRef;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.errors.Refused;

import java.util.function.Supplier;

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
        return result("start", c, found(c, () -> engine.start(c.id())));
    }

    Result stop(ContainerRef c, int timeoutSeconds) {
        return result("stop", c, found(c, () -> engine.stop(c.id(), timeoutSeconds)));
    }

    Result restart(ContainerRef c, int timeoutSeconds) {
        return result("restart", c, found(c, () -> {
            engine.restart(c.id(), timeoutSeconds);
            return true;
        }));
    }

    /** A running container is only removed with {@code force}, so a click cannot kill a working app by accident. */
    Result remove(ContainerRef c, boolean force, boolean volumes) {
        if (c.running() && !force) {
            throw Refused.conflict("Container is running",
                    c.name() + " is running; stop it first or pass force=true to remove it anyway");
        }
        found(c, () -> {
            engine.remove(c.id(), force, volumes);
            return true;
        });
        return new Result("remove", c.id(), c.name(), true, "removed");
    }

    /** The container went away between the lookup and the action: the same 404 as an unknown one. */
    private static boolean found(ContainerRef c, Supplier<Boolean> action) {
        try {
            return action.get();
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.NOT_FOUND) {
                throw ContainerLookup.notFound(c.name());
            }
            throw e;
        }
    }

    private Result result(String action, ContainerRef c, boolean changed) {
        return new Result(action, c.id(), c.name(), changed, stateOf(c));
    }

    private String stateOf(ContainerRef c) {
        try {
            return engine.inspect(c.id()).state();
        } catch (EngineException e) {
            return e.kind() == EngineException.Kind.NOT_FOUND ? "removed" : "unknown";
        }
    }
}
