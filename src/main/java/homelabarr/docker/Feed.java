package homelabarr.docker;

import com.github.dockerjava.api.async.ResultCallback;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** A docker-java callback as our {@link Streaming}: what logs, pulls and events share. */
abstract class Feed<T> extends ResultCallback.Adapter<T> implements Streaming {
    @Override
    public boolean awaitEnd(long millis) throws InterruptedException {
        return awaitCompletion(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            super.close();
        } catch (IOException e) {
            // closing a stream that is already gone
        }
    }
}
