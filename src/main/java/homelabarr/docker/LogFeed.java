package homelabarr.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

/** Hands docker-java's log frames to a {@link LogSink} on docker-java's thread; the payload is read at once. */
final class LogFeed extends Feed<Frame> {
    private final LogSink sink;
    private boolean ended;

    LogFeed(LogSink sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void onNext(Frame frame) {
        if (frame.getStreamType() == StreamType.STDIN) {
            return;
        }
        sink.chunk(frame.getStreamType() == StreamType.STDERR, frame.getPayload(), frame.getPayload().length);
    }

    @Override
    public void onComplete() {
        end();
        super.onComplete();
    }

    @Override
    public void onError(Throwable error) {
        // the container went away or the stream was closed: the sink hears the end either way
        end();
        super.onComplete();
    }

    private synchronized void end() {
        if (!ended) {
            ended = true;
            sink.end();
        }
    }
}
