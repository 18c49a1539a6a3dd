package homelabarr.notifications;

import homelabarr.db.SecretBox;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.db.Database;
import homelabarr.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue on a real database with a sender written for the test (a channel type's behaviour, not the engine):
 * retries until the last attempt, a full queue drops and logs instead of growing, and a delivery a stop left
 * waiting for its retry is taken up at the next start, with the same notification.
 */
class DeliveryQueueTest {
    private static final Notification NEWS = new Notification(NotificationKind.DEPLOYMENT_FAILED, "app", "local",
            "Deployment failed", "It failed", Instant.now());

    private static Channel channel(ChannelStore store) {
        Instant now = Instant.now();
        Channel c = new Channel("c" + System.nanoTime(), "ch" + System.nanoTime(), ChannelType.GOTIFY, true,
                Set.of(NotificationKind.DEPLOYMENT_FAILED), Map.of("url", "http://127.0.0.1:1"), Map.of("token", "t"),
                null, null, null, "admin", now, now);
        store.insert(c);
        return c;
    }

    @Test
    void aFailingChannelIsTriedMaxAttemptsTimesThenLoggedFailed(@TempDir Path dir) {
        try (Database db = new Database(dir.resolve("db"))) {
            ChannelStore store = new ChannelStore(db, new ObjectMapper(), SecretBox.inDataDir(dir), Clock.systemUTC());
            DeliveryLog log = new DeliveryLog(db, new ObjectMapper(), Clock.systemUTC());
            AtomicInteger tries = new AtomicInteger();
            Sender failing = (c, n, id) -> {
                tries.incrementAndGet();
                throw new DeliveryException("HTTP 500 from 127.0.0.1");
            };
            try (DeliveryQueue queue = new DeliveryQueue(Map.of(ChannelType.GOTIFY, failing), store, log,
                    Duration.ofMillis(10), 3, 10, DeliveryOutcomes.NONE)) {
                Channel c = channel(store);
                assertThat(queue.offer(c, NEWS)).isTrue();
                Await.until("the last attempt", Duration.ofSeconds(30),
                        () -> log.page(c.id(), 0, 1).getFirst().status().equals(DeliveryLog.FAILED));
                assertThat(log.page(c.id(), 0, 1).getFirst().attempts()).isEqualTo(3);
                assertThat(tries.get()).isEqualTo(3);
                assertThat(store.find(c.id()).orElseThrow().lastError()).isEqualTo("HTTP 500 from 127.0.0.1");
            }
        }
    }

    @Test
    void aFullQueueDropsAndSaysSo(@TempDir Path dir) throws Exception {
        try (Database db = new Database(dir.resolve("db"))) {
            ChannelStore store = new ChannelStore(db, new ObjectMapper(), SecretBox.inDataDir(dir), Clock.systemUTC());
            DeliveryLog log = new DeliveryLog(db, new ObjectMapper(), Clock.systemUTC());
            CountDownLatch release = new CountDownLatch(1);
            Sender stuck = (c, n, id) -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            try (DeliveryQueue queue = new DeliveryQueue(Map.of(ChannelType.GOTIFY, stuck), store, log,
                    Duration.ofMillis(10), 3, 2, DeliveryOutcomes.NONE)) {
                Channel c = channel(store);
                assertThat(List.of(queue.offer(c, NEWS), queue.offer(c, NEWS), queue.offer(c, NEWS)))
                        .containsExactly(true, true, false);
                assertThat(log.page(c.id(), 0, 1).getFirst().status()).isEqualTo(DeliveryLog.DROPPED);
                release.countDown();
                Await.until("the two queued to be delivered", Duration.ofSeconds(30), () -> log.page(c.id(), 0, 3)
                        .stream().filter(d -> d.status().equals(DeliveryLog.DELIVERED)).count() == 2);
                Await.until("room again once they are done", Duration.ofSeconds(30), () -> queue.offer(c, NEWS));
            }
        }
    }

    @Test
    void aDeliveryWaitingAtAStopIsResumedAtTheNextStart(@TempDir Path dir) {
        Path file = dir.resolve("db");
        String channelId;
        long deliveryId;
        try (Database db = new Database(file)) {
            ChannelStore store = new ChannelStore(db, new ObjectMapper(), SecretBox.inDataDir(dir), Clock.systemUTC());
            DeliveryLog log = new DeliveryLog(db, new ObjectMapper(), Clock.systemUTC());
            Sender down = (c, n, id) -> {
                throw new DeliveryException("HTTP 503 from 127.0.0.1");
            };
            // its retry would wait an hour: the stop comes first
            try (DeliveryQueue queue = new DeliveryQueue(Map.of(ChannelType.GOTIFY, down), store, log,
                    Duration.ofHours(1), 5, 10, DeliveryOutcomes.NONE)) {
                Channel c = channel(store);
                channelId = c.id();
                assertThat(queue.offer(c, NEWS)).isTrue();
                Await.until("the first attempt to fail", Duration.ofSeconds(30),
                        () -> log.page(c.id(), 0, 1).getFirst().status().equals(DeliveryLog.RETRYING));
                deliveryId = log.page(c.id(), 0, 1).getFirst().id();
                // a test send cut off by the stop cannot be taken up: it must not stay pending for ever
                log.start(c.id(), NEWS, DeliveryLog.PENDING, null, false);
            }
        }
        try (Database db = new Database(file)) {
            ChannelStore store = new ChannelStore(db, new ObjectMapper(), SecretBox.inDataDir(dir), Clock.systemUTC());
            DeliveryLog log = new DeliveryLog(db, new ObjectMapper(), Clock.systemUTC());
            List<Notification> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            Sender up = (c, n, id) -> received.add(n);
            try (DeliveryQueue queue = new DeliveryQueue(Map.of(ChannelType.GOTIFY, up), store, log,
                    Duration.ofHours(1), 5, 10, DeliveryOutcomes.NONE)) {
                assertThat(queue.resume()).isEqualTo(1);
                Await.until("the resumed delivery", Duration.ofSeconds(30), () -> log.page(channelId, 0, 2).stream()
                        .anyMatch(d -> d.id() == deliveryId && d.status().equals(DeliveryLog.DELIVERED)));
                assertThat(received).singleElement().isEqualTo(NEWS);
                List<DeliveryLog.Delivery> rows = log.page(channelId, 0, 2);
                assertThat(rows.get(1).attempts()).as("the second attempt, after the stop").isEqualTo(2);
                assertThat(rows.get(0).status()).isEqualTo(DeliveryLog.FAILED);
                assertThat(rows.get(0).lastError()).isEqualTo("Interrupted by a restart");
                assertThat(queue.resume()).as("nothing left to take up").isZero();
            }
        }
    }
}
