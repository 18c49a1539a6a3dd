package homelabarr.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@link NeedsDocker} tests when the engine answers {@code GET /_ping}; otherwise skips them with the reason,
 * or, with {@code -Dhomelabarr.requireDocker=true}, fails them. The engine is asked once per JVM.
 */
public final class DockerCondition implements ExecutionCondition {
    public static final String REQUIRE = "homelabarr.requireDocker";
    private static volatile String unreachable;
    private static volatile boolean asked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why = whyUnreachable();
        if (why == null) {
            return ConditionEvaluationResult.enabled("Docker Engine at " + DockerFixture.host() + " answers");
        }
        if (Boolean.getBoolean(REQUIRE)) {
            throw new IllegalStateException("No Docker Engine at " + DockerFixture.host() + " (" + why + "), and "
                    + REQUIRE + "=true: the tests need one. Start it (scripts/test-env.sh) or set DOCKER_HOST.");
        }
        return ConditionEvaluationResult.disabled("no Docker Engine at " + DockerFixture.host() + ": skipped (" + why
                + ")");
    }

    /** Null when the engine answers its ping; else what went wrong. */
    static synchronized String whyUnreachable() {
        if (!asked) {
            // a socket whose engine hangs would block the read for ever: ask on a thread of its own, for 10 s
            CompletableFuture<String> answer = new CompletableFuture<>();
            Thread.startVirtualThread(() -> answer.complete(ping(DockerFixture.host())));
            try {
                unreachable = answer.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                unreachable = "no answer to GET /_ping within 10 s";
            } catch (InterruptedException | ExecutionException e) {
                unreachable = e.toString();
            }
            asked = true;
        }
        return unreachable;
    }

    private static String ping(String host) {
        try {
            URI uri = URI.create(host);
            if ("unix".equals(uri.getScheme())) {
                SocketAddress address = UnixDomainSocketAddress.of(uri.getPath());
                try (SocketChannel channel = SocketChannel.open(address)) {
                    return exchange(Channels.newOutputStream(channel), Channels.newInputStream(channel));
                }
            }
            if ("tcp".equals(uri.getScheme())) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 3_000);
                    socket.setSoTimeout(5_000);
                    return exchange(socket.getOutputStream(), socket.getInputStream());
                }
            }
            return "DOCKER_HOST must start with unix:// or tcp://";
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    private static String exchange(OutputStream out, InputStream in) throws IOException {
        out.write("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] head = in.readNBytes(12);
        String status = new String(head, StandardCharsets.US_ASCII);
        return status.startsWith("HTTP/1.") && status.endsWith("200") ? null : "answered '" + status.strip() + "'";
    }
}
