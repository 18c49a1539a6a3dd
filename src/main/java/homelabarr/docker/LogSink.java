package homelabarr.docker;

/**
 * Receives a container's output as the engine sends it: chunks of one stream that need not end at a line break
 * (see containers/LogLines), then one call to {@link #end()} when the stream ends or fails.
 */
public interface LogSink {
    void chunk(boolean stderr, byte[] payload, int length);

    void end();
}
