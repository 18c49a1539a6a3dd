package homelabarr.deploy.events;

import homelabarr.http.SseStream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscriber's view of a deployment: everything after {@code lastSeq} (full history for a new subscriber,
 * the missed part after a reconnect with Last-Event-ID), then live events with heartbeats while idle, until the
 * final {@code complete} or {@code error} event.
 */
public final class ProgressStream {
    private final EventHub hub;
    private final EventLog log;
    private final Duration heartbeat;
    private final AtomicInteger open = new AtomicInteger();

    public ProgressStream(EventHub hub, EventLog log, Duration heartbeat) {
        this.hub = hub;
        this.log = log;
        this.heartbeat = heartbeat;
    }

    /** Subscribers connected now (for /metrics). */
    public int open() {
        return open.get();
    }

    public void send(String deploymentId, long lastSeq, SseStream sse) throws IOException, InterruptedException {
        open.incrementAndGet();
        try {
            stream(deploymentId, lastSeq, sse);
        } finally {
            open.decrementAndGet();
        }
    }

    private void stream(String deploymentId, long lastSeq, SseStream sse) throws IOException, InterruptedException {
        sse.retry(2000);
        Optional<EventHub.Topic> live = hub.live(deploymentId);
        if (live.isEmpty()) {
            // finished (or from before a restart): the stored history is complete
            sse.send(log.after(deploymentId, lastSeq).stream().map(StoredEvent::sseFrame).toList());
            return;
        }
        long last = lastSeq;
        while (true) {
            EventHub.Batch batch = live.get().after(last, heartbeat);
            List<byte[]> frames = new ArrayList<>(batch.events().size());
            boolean finished = false;
            for (EventHub.Frame frame : batch.events()) {
                frames.add(frame.bytes());
                last = frame.event().seq();
                if (frame.event().isFinal()) {
                    finished = true;
                    break;
                }
            }
            if (!frames.isEmpty()) {
                sse.send(frames);
            }
            if (finished || batch.ended()) {
                return;
            }
            if (batch.events().isEmpty()) {
                sse.comment("heartbeat");
            }
        }
    }
}
