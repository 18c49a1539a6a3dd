package homelabarr.docker;

import java.io.IOException;
import java.util.Optional;

/**
 * One open stats stream of a container: the engine sends a frame after each of its 1 s collection passes, each with
 * the previous frame's CPU counters as {@code precpu}. Closing it from any thread ends a blocked {@link #next()}.
 */
public interface StatsFrames extends AutoCloseable {
    /**
     * Blocks for the next frame. Empty when the stream ended or the container is no longer running (the engine then
     * sends placeholder frames forever): either way the caller should close it.
     */
    Optional<RawStats> next() throws IOException;

    @Override
    void close();
}
