package homelabarr.updates;

import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.db.Database;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Which deployments are updates. The updater announces how an update ended (applied, failed, rolled back), so the
 * announcer of deployment ends asks here and stays quiet about those: one event, one notification. Built before the
 * deploy feature, whose deployment ends need it.
 */
public final class UpdateRuns {
    /** Far longer than recording a started update takes; only a stuck database would reach it. */
    private static final long WAIT_SECONDS = 10;
    private final UpdateStore store;
    /** Updates being started, by app: their deployment may end before its run is recorded. */
    private final Map<CountDownLatch, String> starting = new ConcurrentHashMap<>();

    public UpdateRuns(Database db, ObjectMapper mapper, Clock clock) {
        this.store = new UpdateStore(db, mapper, clock);
    }

    /** True when {@code deploymentId} (of {@code appId}) runs an update; waits for an update of the app being recorded. */
    public boolean isUpdate(String appId, String deploymentId) {
        starting.forEach((latch, app) -> {
            if (app.equals(appId)) {
                await(latch);
            }
        });
        return store.run(deploymentId).isPresent();
    }

    /** Marks an update of {@code appId} as being started, until {@link #recorded}. */
    CountDownLatch starting(String appId) {
        CountDownLatch latch = new CountDownLatch(1);
        starting.put(latch, appId);
        return latch;
    }

    /** The update's run is recorded (or it never started). */
    void recorded(CountDownLatch latch) {
        starting.remove(latch);
        latch.countDown();
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
