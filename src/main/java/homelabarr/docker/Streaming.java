package homelabarr.docker;

/** A stream the engine sends on its own thread (logs, pulls): wait for its end, or close it to stop it. */
public interface Streaming extends AutoCloseable {
    /** True when it ended within {@code millis}. */
    boolean awaitEnd(long millis) throws InterruptedException;

    @Override
    void close();
}
