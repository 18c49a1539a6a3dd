package homelabarr.ports;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Ports of a real host socket and a real container, unauthenticated as the contract says. */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortsTest {
    private TestServer server;
    private DockerFixture docker;
    private ServerSocket listening;
    private DatagramSocket udp;
    private String containerName;
    private int containerPort;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(dataDir);
        docker = new DockerFixture();
        listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        containerName = docker.name("ports");
        String id = docker.run(containerName, cmd -> cmd.withExposedPorts(ExposedPort.tcp(8080))
                .getHostConfig().withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"),
                        ExposedPort.tcp(8080))), "/bin/httpd", "-f", "-p", "8080", "-h", "/www");
        containerPort = Integer.parseInt(docker.client().inspectContainerCmd(id).exec().getNetworkSettings()
                .getPorts().getBindings().get(ExposedPort.tcp(8080))[0].getHostPortSpec());
    }

    @AfterAll
    void stop() throws Exception {
        if (listening != null) {
            listening.close();
        }
        if (udp != null) {
            udp.close();
        }
        if (docker != null) {
            docker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static List<JsonNode> entries(JsonNode body, int port) {
        return StreamSupport.stream(body.get("ports").spliterator(), false)
                .filter(p -> p.get("port").asInt() == port).toList();
    }

    @Test
    void checkListsHostAndContainerPortsWithoutLogin() {
        Http.Response res = server.get("/ports/check", null);
        assertThat(res.status()).isEqualTo(200);
        JsonNode body = res.json();
        assertThat(body.get("hostPortsVisible").asBoolean()).isTrue();
        List<Integer> used = new ArrayList<>();
        body.get("usedPorts").forEach(p -> used.add(p.asInt()));
        assertThat(used).isSorted().doesNotHaveDuplicates()
                .contains(listening.getLocalPort(), udp.getLocalPort(), containerPort, server.app().port());

        assertThat(entries(body, listening.getLocalPort())).anySatisfy(p -> {
            assertThat(p.get("source").asText()).isEqualTo("host");
            assertThat(p.get("protocol").asText()).isEqualTo("tcp");
            assertThat(p.has("container")).isFalse();
        });
        assertThat(entries(body, udp.getLocalPort())).anySatisfy(p ->
                assertThat(p.get("protocol").asText()).isEqualTo("udp"));
        List<JsonNode> published = entries(body, containerPort).stream()
                .filter(p -> p.get("source").asText().equals("container")).toList();
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().get("container").asText()).isEqualTo(containerName);
        assertThat(published.getFirst().get("containerId").asText()).hasSize(12);
        assertThat(server.get("/api/ports/check", null).status()).isEqualTo(200);
    }

    @Test
    void availableSkipsPortsInUse() {
        int taken = listening.getLocalPort();
        Http.Response none = server.get("/ports/available?start=" + taken + "&end=" + taken, null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("details").asText()).contains(String.valueOf(taken));
        assertThat(server.get("/ports/available?start=" + containerPort + "&end=" + containerPort, null).status())
                .isEqualTo(404);
        assertThat(server.get("/ports/available?start=" + udp.getLocalPort() + "&end=" + udp.getLocalPort(), null)
                .status()).isEqualTo(404);

        int end = Math.min(65535, taken + 50);
        JsonNode free = server.get("/api/ports/available?start=" + taken + "&end=" + end, null).json();
        assertThat(free.get("port").asInt()).isGreaterThan(taken).isLessThanOrEqualTo(end);
    }

    @Test
    void badRangesAre400() {
        for (String query : new String[]{"", "?start=8000", "?end=9000", "?start=9000&end=8000", "?start=0&end=10",
                "?start=1&end=65536", "?start=abc&end=9000", "?start=80.5&end=90", "?start=-1&end=5",
                "?start=99999999999&end=5"}) {
            Http.Response res = server.get("/ports/available" + query, null);
            assertThat(res.status()).as(query).isEqualTo(400);
            assertThat(res.json().get("error").asText()).as(query).isNotBlank();
            assertThat(res.json().get("details").asText()).as(query).isNotBlank();
        }
        assertThat(server.get("/ports/available?start=9000&end=8000", null).json().get("details").asText())
                .contains("start").contains("end");
    }
}
