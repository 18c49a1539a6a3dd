package homelabarr.http;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** X-Forwarded-For counts only when the peer is a configured trusted proxy. */
class ClientAddressTest {
    @Test
    void rangesMatchAddressesAndRejectNames() throws Exception {
        TrustedProxies trusted = TrustedProxies.parse("172.18.0.0/16, 127.0.0.1 ,fd00::/8");
        assertThat(trusted.contains(InetAddress.getByName("172.18.5.9"))).isTrue();
        assertThat(trusted.contains(InetAddress.getByName("172.19.0.1"))).isFalse();
        assertThat(trusted.contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(trusted.contains(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(trusted.contains(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(trusted.contains(InetAddress.getByName("::1"))).isFalse();
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.example.com")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
    }

    @Test
    void forwardedForIsIgnoredUnlessThePeerIsTrusted(@TempDir Path dir) {
        try (TestServer server = TestServer.start(dir)) {
            assertThat(loginClient(server, "203.0.113.9")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient(@TempDir Path dir) {
        try (TestServer server = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8"))) {
            assertThat(loginClient(server, "198.51.100.7, 203.0.113.9, 10.1.2.3")).isEqualTo("203.0.113.9");
            assertThat(loginClient(server, "not-an-address")).isEqualTo("127.0.0.1");
        }
    }

    private static String loginClient(TestServer server, String forwardedFor) {
        server.http().send(server.http().request("/auth/login", null)
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"username": "nobody-here", "password": "wrong password entirely"}""")));
        JsonNode entries = server.http().get("/audit?action=auth.login&actor=nobody-here&limit=1", server.adminToken())
                .assertStatus(200).json().get("data");
        return entries.get(0).get("client").asText();
    }
}
