package homelabarr.deploy.run;

import homelabarr.deploy.events.Progress;

import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.docker.LogOptions;
import homelabarr.docker.LogSink;
import homelabarr.docker.Streaming;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Follows the output of the containers while they start and are verified, and reports it line by line. Stopped
 * when verification ends; a container that exits ends its stream by itself, which is when its last words (the
 * reason it failed) arrive.
 */
final class LogFollower implements AutoCloseable {
    private final Engine engine;
    private final Progress progress;
    private final List<Streaming> streams = new CopyOnWriteArrayList<>();

    LogFollower(Engine engine, Progress progress) {
        this.engine = engine;
        this.progress = progress;
    }

    void follow(String service, String containerId) {
        LogSink lines = new LogSink() {
            private final StringBuilder stdout = new StringBuilder();
            private final StringBuilder stderr = new StringBuilder();

            @Override
            public synchronized void chunk(boolean isErr, byte[] payload, int length) {
                StringBuilder partial = isErr ? stderr : stdout;
                partial.append(new String(payload, 0, length, StandardCharsets.UTF_8));
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    progress.log(service, isErr ? "stderr" : "stdout", partial.substring(0, newline));
                    partial.delete(0, newline + 1);
                }
            }

            @Override
            public synchronized void end() {
                if (!stdout.isEmpty()) {
                    progress.log(service, "stdout", stdout.toString());
                }
                if (!stderr.isEmpty()) {
                    progress.log(service, "stderr", stderr.toString());
                }
            }
        };
        try {
            streams.add(engine.logs(containerId, LogOptions.followAll(), lines));
        } catch (EngineException e) {
            // no output to show: the deployment goes on and reports its own outcome
        }
    }

    /** Gives streams of containers that already exited a moment to deliver their last lines. */
    void drain(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Streaming s : streams) {
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !s.awaitEnd(left)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        streams.forEach(Streaming::close);
        streams.clear();
    }
}
