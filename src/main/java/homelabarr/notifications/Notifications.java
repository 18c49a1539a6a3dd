package homelabarr.notifications;

import homelabarr.audit.ServiceParts;
import homelabarr.db.Database;
import homelabarr.db.SecretBox;
import homelabarr.http.Json;
import io.helidon.webserver.http.HttpService;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The notifications feature, wired: channels, the delivery queue, the {@link Notifier} and the routes. */
public final class Notifications implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Notifications.class.getName());
    /** Retries wait 1 s, 2 s, 4 s, 8 s: five attempts in about a quarter of a minute, then the delivery failed. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final int MAX_ATTEMPTS = 5;
    static final int QUEUE_CAPACITY = 500;

    private final HttpDelivery http = new HttpDelivery();
    private final DeliveryQueue queue;
    private final Notifier notifier;
    private final HttpService service;

    public Notifications(Path dataDir, Database db, ServiceParts parts, Clock clock,
                         DeliveryOutcomes outcomes) {
        Json json = parts.json();
        ChannelStore channels = new ChannelStore(db, json.mapper(), SecretBox.inDataDir(dataDir), clock);
        DeliveryLog log = new DeliveryLog(db, json.mapper(), clock);
        JsonPosts posts = new JsonPosts(http, json.mapper());
        Map<ChannelType, Sender> senders = Map.of(
                ChannelType.WEBHOOK, new WebhookSender(http, json.mapper(), clock),
                ChannelType.NTFY, posts.ntfy(),
                ChannelType.GOTIFY, posts.gotify(),
                ChannelType.DISCORD, posts.discord(),
                ChannelType.EMAIL, new EmailSender());
        this.queue = new DeliveryQueue(senders, channels, log, FIRST_RETRY, MAX_ATTEMPTS, QUEUE_CAPACITY, outcomes);
        this.notifier = new Notifier(channels, queue);
        int resumed = queue.resume();
        if (resumed > 0) {
            LOG.log(System.Logger.Level.INFO, resumed + " notification deliveries left unfinished at the last stop were resumed");
        }
        this.service = new NotificationsService(channels, log, queue, parts, clock);
    }

    public Notifier notifier() {
        return notifier;
    }

    public HttpService service() {
        return service;
    }

    @Override
    public void close() {
        queue.close();
        http.close();
    }
}
