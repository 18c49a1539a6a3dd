package homelabarr.notifications;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The e-mail channel's default, STARTTLS, against a real SMTP server (SubEthaSMTP) that offers STARTTLS with a
 * certificate this test makes for 127.0.0.1, and refuses mail before the upgrade: the message arrives over TLS. A
 * server that offers no STARTTLS is refused rather than sent plain text, and so is one whose certificate is not trusted.
 */
class EmailStartTlsTest {
    private static final char[] PASSWORD = "smtp-test-store".toCharArray();
    private static final Notification NEWS = new Notification(NotificationKind.UPDATE_ROLLED_BACK, "media-plex", "local",
            "Update of media-plex rolled back", "The new version did not pass its health gate.", Instant.now());

    @TempDir
    static Path dir;
    static SSLContext server;
    static SSLContext client;

    record Mail(String from, String to, byte[] data) {
    }

    @BeforeAll
    static void certificate() throws Exception {
        Path store = dir.resolve("smtp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("smtp", keys.getCertificate("smtp"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    private static SMTPServer smtp(boolean startTls, List<Mail> received) {
        SMTPServer.Builder builder = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .messageHandler((context, from, to, data) -> received.add(new Mail(from, to, data)));
        if (startTls) {
            builder.enableTLS().requireTLS().startTlsSocketFactory(server);
        }
        SMTPServer smtp = builder.build();
        smtp.start();
        return smtp;
    }

    /** A channel with the default security (starttls): the setting is left out on purpose. */
    private static Channel channel(int port) {
        Instant now = Instant.now();
        return new Channel("mail", "mail", ChannelType.EMAIL, true, Set.of(NotificationKind.UPDATE_ROLLED_BACK),
                Map.of("host", "127.0.0.1", "port", Integer.toString(port), "from", "homelab@example.com",
                        "to", "admin@example.com"), Map.of(), null, null, null, "admin", now, now);
    }

    @Test
    void aMessageIsDeliveredOverStartTls() throws Exception {
        List<Mail> received = new CopyOnWriteArrayList<>();
        SMTPServer smtp = smtp(true, received);
        try {
            new EmailSender(client.getSocketFactory()).send(channel(smtp.getPortAllocated()), NEWS, 1);
        } finally {
            smtp.stop();
        }
        // the server takes no mail before STARTTLS: that it took this one means the upgrade happened
        assertThat(received).singleElement().satisfies(mail -> {
            assertThat(mail.from()).isEqualTo("homelab@example.com");
            assertThat(mail.to()).isEqualTo("admin@example.com");
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mail.data()));
            assertThat(message.getSubject()).isEqualTo("[HomelabARR] Update of media-plex rolled back");
            assertThat(message.getHeader("X-HomelabARR-Event")[0]).isEqualTo("update.rolled-back");
            assertThat(message.getContent().toString()).contains("did not pass its health gate");
        });
    }

    @Test
    void aServerWithoutStartTlsIsRefusedByDefault() {
        List<Mail> received = new CopyOnWriteArrayList<>();
        SMTPServer smtp = smtp(false, received);
        try {
            assertThatThrownBy(() -> new EmailSender(client.getSocketFactory()).send(channel(smtp.getPortAllocated()), NEWS, 1))
                    .isInstanceOf(DeliveryException.class).hasMessageContaining("STARTTLS");
        } finally {
            smtp.stop();
        }
        assertThat(received).as("nothing sent in plain text").isEmpty();
    }

    @Test
    void aServerWithAnUntrustedCertificateIsRefused() {
        List<Mail> received = new CopyOnWriteArrayList<>();
        SMTPServer smtp = smtp(true, received);
        try {
            assertThatThrownBy(() -> new EmailSender().send(channel(smtp.getPortAllocated()), NEWS, 1))
                    .isInstanceOf(DeliveryException.class).hasMessageContaining("TLS").hasMessageContaining("certification path");
        } finally {
            smtp.stop();
        }
        assertThat(received).isEmpty();
    }
}
