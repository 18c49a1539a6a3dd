package homelabarr.notifications;

import java.util.List;

/**
 * The one door for news: {@link #publish} queues a notification for every enabled channel that wants its kind and
 * returns at once. It never throws, since it is called from deployments and watchers that must carry on whatever
 * happens to the notifications.
 */
public final class Notifier {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
    private final ChannelStore channels;
    private final DeliveryQueue queue;

    Notifier(ChannelStore channels, DeliveryQueue queue) {
        this.channels = channels;
        this.queue = queue;
    }

    public void publish(Notification n) {
        try {
            List<Channel> wanting = channels.all().stream().filter(c -> c.wants(n.kind())).toList();
            for (Channel c : wanting) {
                queue.offer(c, n);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A " + n.kind().wireName() + " notification could not be queued: "
                    + e.getMessage());
        }
    }
}
