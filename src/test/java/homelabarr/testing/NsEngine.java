package homelabarr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An extra real Docker Engine in a network namespace of its own ({@code scripts/ns-engine.sh}), reachable from
 * this machine at {@code tcp://10.241.N.2:2376} with mutual TLS only. The certificates are made here with openssl:
 * a CA, the engine's server certificate (for its address) and a client certificate. Start it once per test class
 * ({@code @BeforeAll}) and {@link #close()} it after: that removes the engine, its namespace and all its data, so
 * nothing a test made on it can linger. Starting an engine that runs already is fine (the script is idempotent).
 */
public final class NsEngine implements AutoCloseable {
    private static final Path SCRIPT = Path.of("scripts/ns-engine.sh").toAbsolutePath();
    private final int n;
    private final Path certs;

    private NsEngine(int n, Path certs) {
        this.n = n;
        this.certs = certs;
    }

    /** Engine {@code n}, with certificates written into {@code dir}, and the test image loaded. */
    public static NsEngine start(int n, Path dir) {
        Path certs = dir.resolve("tls-" + n);
        makeCertificates(certs, "10.241." + n + ".2");
        NsEngine engine = new NsEngine(n, certs);
        engine.script("start", String.valueOf(n), certs.toString());
        engine.script("load", String.valueOf(n), DockerFixture.IMAGE);
        return engine;
    }

    public String tcpAddress() {
        return "tcp://10.241." + n + ".2:2376";
    }

    /** The engine's own unix socket, for the test's checks (the server under test uses tcp + TLS). */
    public String socket() {
        return "unix:///tmp/hlr-env" + n + "/docker.sock";
    }

    public String ca() {
        return read("ca.pem");
    }

    public String cert() {
        return read("cert.pem");
    }

    public String key() {
        return read("key.pem");
    }

    public Path file(String name) {
        return certs.resolve(name);
    }

    /** A client the test itself uses to look at this engine. */
    public DockerFixture docker() {
        return new DockerFixture(socket());
    }

    /**
     * Stops the engine's daemon and keeps its namespace: its address now refuses connections, like a host whose
     * engine went down. (With the namespace gone, packets to its address would follow the default route out.)
     */
    public void halt() {
        script("halt", String.valueOf(n));
    }

    /** Stops the engine and removes its namespace, veth and data. */
    public void stop() {
        script("stop", String.valueOf(n));
    }

    @Override
    public void close() {
        stop();
    }

    private String read(String name) {
        try {
            return Files.readString(certs.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void script(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        run(command, certs.getParent());
    }

    /** CA, server certificate for {@code ip}, client certificate (clientAuth), all PEM, keys unencrypted PKCS#8. */
    public static void makeCertificates(Path dir, String ip) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:" + ip + "\nextendedKeyUsage=serverAuth\n");
            Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(dir, "req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj /CN=hlr-test-ca");
        openssl(dir, "req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=hlr-env");
        openssl(dir, "x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 2"
                + " -extfile server.ext");
        openssl(dir, "req -newkey rsa:2048 -nodes -keyout key.pem -out client.csr -subj /CN=homelabarr");
        openssl(dir, "x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 2"
                + " -extfile client.ext");
    }

    private static void openssl(Path dir, String args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args.split(" ")));
        run(command, dir);
    }

    private static void run(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
