package homelabarr.docker;

import com.github.dockerjava.api.model.Event;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands the engine's container events to a sink on docker-java's thread. The actor's attributes hold the
 * container's labels plus a few keys of the engine's own (name, image, exitCode), which are taken out.
 */
final class EventFeed extends Feed<Event> {
    private final Consumer<ContainerEvent> sink;

    EventFeed(Consumer<ContainerEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void onNext(Event event) {
        if (event.getActor() == null || event.getAction() == null) {
            return;
        }
        Map<String, String> attributes = event.getActor().getAttributes() == null ? Map.of()
                : event.getActor().getAttributes();
        Map<String, String> labels = new HashMap<>(attributes);
        String name = labels.remove("name");
        labels.remove("image");
        labels.remove("exitCode");
        Instant time = event.getTimeNano() != null ? Instant.EPOCH.plusNanos(event.getTimeNano())
                : event.getTime() != null ? Instant.ofEpochSecond(event.getTime()) : Instant.now();
        // "exec_start: sh -c ..." and the like carry the command after a colon; the action is the part before
        String action = event.getAction().split(":", 2)[0].strip();
        sink.accept(new ContainerEvent(action, event.getActor().getId(), name, Map.copyOf(labels), time));
    }

    @Override
    public void onError(Throwable error) {
        super.onComplete();  // the engine went away or the stream was closed: the follower reconnects
    }
}
