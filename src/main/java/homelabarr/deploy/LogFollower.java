package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

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
    private final DockerClient docker;
    private final Progress progress;
    private final List<ResultCallback.Adapter<Frame>> streams = new CopyOnWriteArrayList<>();

    LogFollower(DockerClient docker, Progress progress) {
        this.docker = docker;
        this.progress = progress;
    }

    void follow(String service, String containerId) {
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onNext(Frame frame) {
                String stream = frame.getStreamType() == StreamType.STDERR ? "stderr" : "stdout";
                partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    progress.log(service, stream, partial.substring(0, newline));
                    partial.delete(0, newline + 1);
                }
            }

            @Override
            public void onComplete() {
                if (!partial.isEmpty()) {
                    progress.log(service, "stdout", partial.toString());
                    partial.setLength(0);
                }
                super.onComplete();
            }

            @Override
            public void onError(Throwable throwable) {
                // the container went away or the stream was closed: nothing more to report
                super.onComplete();
            }
        };
        streams.add(callback);
        try {
            docker.logContainerCmd(containerId).withFollowStream(true).withStdOut(true).withStdErr(true)
                    .withTailAll().exec(callback);
        } catch (RuntimeException e) {
            streams.remove(callback);
        }
    }

    /** Gives streams of containers that already exited a moment to deliver their last lines. */
    void drain(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (ResultCallback.Adapter<Frame> s : streams) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !s.awaitCompletion(left, TimeUnit.NANOSECONDS)) {
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
        streams.forEach(Cancellation::closeQuietly);
        streams.clear();
    }
}
