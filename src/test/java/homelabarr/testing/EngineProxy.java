package homelabarr.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Docker Engine behind a loopback TCP port, made to misbehave the way a busy or racing engine does: every
 * answer held back for {@code delay}, and connections hung up on without an answer when a request names
 * {@code hangUpOn}. Point DOCKER_HOST at {@link #dockerHost()}. Counts the {@code /version} calls it passes on.
 */
public final class EngineProxy implements AutoCloseable {
    private final ServerSocket server;
    private final Duration delay;
    private final String hangUpOn;
    private final AtomicInteger versionCalls = new AtomicInteger();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    private EngineProxy(Duration delay, String hangUpOn) {
        this.delay = delay;
        this.hangUpOn = hangUpOn;
        try {
            this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.startVirtualThread(this::accept);
    }

    /** Every answer {@code delay} late. */
    public static EngineProxy slow(Duration delay) {
        return new EngineProxy(delay, null);
    }

    /** Requests whose text contains {@code fragment} get no answer: the connection is closed instead. */
    public static EngineProxy hangingUpOn(String fragment) {
        return new EngineProxy(Duration.ZERO, fragment);
    }

    public String dockerHost() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    public int versionCalls() {
        return versionCalls.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(
                        DockerFixture.host().replaceFirst("^unix://", "")));
                open.add(client);
                open.add(engine);
                AtomicBoolean asked = new AtomicBoolean();
                Thread.startVirtualThread(() -> pump(client, engine, asked));
                Thread.startVirtualThread(() -> answer(client, engine, asked));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Client to engine, noting each request so that its answer is held back. */
    private void pump(Socket client, SocketChannel engine, AtomicBoolean asked) {
        try (InputStream in = client.getInputStream(); OutputStream out = Channels.newOutputStream(engine)) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                if (text.contains("/version ")) {
                    versionCalls.incrementAndGet();
                }
                if (hangUpOn != null && text.contains(hangUpOn)) {
                    client.close();
                    engine.close();
                    return;
                }
                asked.set(true);
                out.write(buffer, 0, n);
            }
        } catch (IOException gone) {
            // either side closed
        }
    }

    private void answer(Socket client, SocketChannel engine, AtomicBoolean asked) {
        try (InputStream in = Channels.newInputStream(engine); OutputStream out = client.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (asked.getAndSet(false)) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | InterruptedException gone) {
            // either side closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            for (AutoCloseable c : open) {
                c.close();
            }
        } catch (Exception e) {
            // closing
        }
    }
}
