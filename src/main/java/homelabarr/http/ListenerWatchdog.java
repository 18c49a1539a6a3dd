package homelabarr.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notices when the web server's listener has died. Helidon stops a listener for good when accepting a connection
 * fails (for instance when the process is out of file descriptors), and its stop then waits on itself for ever:
 * the server still says it is running, the process lives on, and the port refuses everyone. The one reliable sign
 * is from outside, so this connects to the port now and then; after {@code strikes} refusals in a row it calls
 * {@code onDeath} once. Other failures (a timeout under load, no descriptor for the probe itself) prove nothing and
 * are not counted; a full listener still completes connections from its backlog, so it is never taken for dead.
 */
public final class ListenerWatchdog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ListenerWatchdog.class.getName());
    private final InetSocketAddress address;
    private final int strikes;
    private final Runnable onDeath;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("listener-watchdog").factory());
    private final AtomicBoolean fired = new AtomicBoolean();
    private int refusals;

    private ListenerWatchdog(InetSocketAddress address, int strikes, Runnable onDeath) {
        this.address = address;
        this.strikes = strikes;
        this.onDeath = onDeath;
    }

    /** Probes {@code port} on {@code bindAddress} (the loopback address when bound to all) every {@code every}. */
    public static ListenerWatchdog start(String bindAddress, int port, Duration every, int strikes, Runnable onDeath) {
        ListenerWatchdog watchdog = new ListenerWatchdog(new InetSocketAddress(probeAddress(bindAddress), port),
                strikes, onDeath);
        watchdog.timer.scheduleWithFixedDelay(watchdog::probe, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return watchdog;
    }

    private static InetAddress probeAddress(String bindAddress) {
        try {
            InetAddress bound = InetAddress.getByName(bindAddress);
            return bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    private void probe() {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5_000);
            refusals = 0;
        } catch (ConnectException refused) {
            refusals++;
            LOG.log(System.Logger.Level.WARNING, "The HTTP port " + address.getPort() + " refused a connection ("
                    + refusals + " of " + strikes + ")");
            if (refusals >= strikes && fired.compareAndSet(false, true)) {
                timer.shutdown();
                onDeath.run();
            }
        } catch (IOException inconclusive) {
            // busy or short of descriptors ourselves: says nothing about the listener
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
