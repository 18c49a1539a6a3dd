package homelabarr.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs one docker-java call and turns what it throws into an {@link EngineException} naming the action. */
final class EngineCalls {
    private EngineCalls() {
    }

    static <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(action, e);
        }
    }

    /** Empty when the engine answers 404 for the thing asked about; any other failure is thrown. */
    static <T> Optional<T> found(String action, Supplier<T> call) {
        try {
            return Optional.of(call(action, call));
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static void run(String action, Runnable call) {
        call(action, () -> {
            call.run();
            return null;
        });
    }

    static EngineException translate(String action, Throwable e) {
        if (e instanceof EngineException engine) {
            return engine;
        }
        if (e instanceof NotFoundException) {
            return new EngineException(EngineException.Kind.NOT_FOUND, action, 404, EngineException.messageOf(e), e);
        }
        if (e instanceof ConflictException) {
            return new EngineException(EngineException.Kind.CONFLICT, action, 409, EngineException.messageOf(e), e);
        }
        if (e instanceof BadRequestException) {
            return new EngineException(EngineException.Kind.BAD_REQUEST, action, 400, EngineException.messageOf(e), e);
        }
        if (e instanceof DockerException d) {
            return new EngineException(EngineException.Kind.FAILED, action, d.getHttpStatus(), EngineException.messageOf(e), e);
        }
        if (causedByIo(e)) {
            return EngineException.unreachable(action, e);
        }
        return new EngineException(EngineException.Kind.FAILED, action, 0,
                "the Docker Engine could not be reached (" + e.getClass().getSimpleName() + ")", e);
    }

    static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
