package homelabarr.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Event;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static homelabarr.docker.EngineCalls.call;

/** {@link DockerEngine}'s streamed calls: container events, logs, image pulls, and a container's last exit code. */
final class DockerFeeds {
    private static final Duration EVENTS_LOOKBACK = Duration.ofHours(2);
    private static final Duration EVENTS_WAIT = Duration.ofSeconds(3);
    private final DockerClient client;

    DockerFeeds(DockerClient client) {
        this.client = client;
    }

    Optional<Long> lastExitCode(String id) {
        long now = Instant.now().getEpochSecond();
        List<String> codes = new CopyOnWriteArrayList<>();
        ResultCallback.Adapter<Event> events = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                if (event.getActor() != null && event.getActor().getAttributes() != null) {
                    String code = event.getActor().getAttributes().get("exitCode");
                    if (code != null) {
                        codes.add(code);
                    }
                }
            }
        };
        try (events) {
            client.eventsCmd().withContainerFilter(id).withEventFilter("die")
                    .withSince(Long.toString(now - EVENTS_LOOKBACK.toSeconds())).withUntil(Long.toString(now + 1))
                    .exec(events).awaitCompletion(EVENTS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the reason then goes without the code
        }
        try {
            return codes.isEmpty() ? Optional.empty() : Optional.of(Long.valueOf(codes.getLast()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    Streaming containerEvents(String label, List<String> actions, Consumer<ContainerEvent> sink) {
        EventFeed feed = new EventFeed(sink);
        call("follow container events", () -> client.eventsCmd().withEventTypeFilter("container")
                .withLabelFilter(label).withEventFilter(actions.toArray(String[]::new)).exec(feed));
        return feed;
    }

    Streaming logs(String id, LogOptions options, LogSink sink) {
        LogContainerCmd cmd = client.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .withTimestamps(options.timestamps()).withFollowStream(options.follow());
        cmd = options.tail() == null ? cmd.withTailAll() : cmd.withTail(options.tail());
        if (options.sinceSeconds() != null) {
            cmd = cmd.withSince(options.sinceSeconds());
        }
        LogFeed feed = new LogFeed(sink);
        LogContainerCmd command = cmd;
        call("read the logs of container " + id, () -> command.exec(feed));
        return feed;
    }

    /** {@code auth} null: anonymous. */
    Streaming pull(String name, String tag, RegistryAuth auth, PullListener listener) {
        PullFeed feed = new PullFeed(listener);
        var pull = client.pullImageCmd(name).withTag(tag);
        if (auth != null) {
            pull.withAuthConfig(new AuthConfig().withRegistryAddress(auth.registry()).withUsername(auth.username())
                    .withPassword(auth.password()));
        }
        call("pull image " + name + ":" + tag, () -> pull.exec(feed));
        return feed;
    }
}
