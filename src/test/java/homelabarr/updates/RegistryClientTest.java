package homelabarr.updates;

import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.catalog.ImageRef;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry client against the real local registry (127.0.0.1:5000, no auth) and, for the Bearer token flow and
 * rate limits, against {@link TokenFront}: a real token service on another loopback port in front of it.
 */
class RegistryClientTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "front-door-secret-7";
    private final ObjectMapper mapper = new ObjectMapper();
    private TokenFront front;

    @BeforeEach
    void start() throws Exception {
        front = new TokenFront("http://127.0.0.1:5000", USER, PASSWORD);
    }

    @AfterEach
    void stop() {
        front.close();
    }

    private RegistryClient client(Optional<RegistryClient.Login> login) {
        return new RegistryClient(mapper, host -> host.equals(front.host()) ? login : Optional.empty(), Clock.systemUTC());
    }

    private ImageRef viaFront() throws Exception {
        return ImageRef.parse(front.host() + "/test/busybox:1");
    }

    @Test
    void aHeadGivesTheTagsDigestAndTagsAreListed() throws Exception {
        RegistryClient client = client(Optional.empty());
        String digest = client.digest(ImageRef.parse(TestTemplates.REGISTRY_IMAGE));
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(client.tags(ImageRef.parse(TestTemplates.REGISTRY_IMAGE))).contains("1");
    }

    @Test
    void theBearerTokenFlowUsesTheStoredLoginAndReusesItsToken() throws Exception {
        RegistryClient client = client(Optional.of(new RegistryClient.Login(USER, PASSWORD)));
        String direct = client(Optional.empty()).digest(ImageRef.parse(TestTemplates.REGISTRY_IMAGE));

        assertThat(client.digest(viaFront())).isEqualTo(direct);
        assertThat(client.digest(viaFront())).isEqualTo(direct);

        assertThat(front.tokensIssued()).as("one token, reused").isEqualTo(1);
        assertThat(front.tokenQueries().get(0)).contains("service=test-front")
                .contains("scope=repository%3Atest%2Fbusybox%3Apull");
        assertThat(front.registryRequests()).containsOnly("HEAD /v2/test/busybox/manifests/1");
    }

    @Test
    void withoutAValidLoginTheTokenIsRefusedWithAClearReason() throws Exception {
        assertThatThrownBy(() -> client(Optional.empty()).digest(viaFront()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.AUTH))
                .hasMessageContaining(front.host()).hasMessageContaining("anonymous");
        assertThatThrownBy(() -> client(Optional.of(new RegistryClient.Login(USER, "wrong-password"))).digest(viaFront()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("stored credentials").hasMessageNotContaining("wrong-password");
    }

    @Test
    void aRateLimitCarriesTheRegistrysRetryAfter() throws Exception {
        front.limit(7);
        assertThatThrownBy(() -> client(Optional.empty()).digest(viaFront()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RegistryException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });
    }

    @Test
    void anUnknownTagIsNotFound() throws Exception {
        assertThatThrownBy(() -> client(Optional.empty()).digest(ImageRef.parse("127.0.0.1:5000/test/busybox:no-such-tag")))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.NOT_FOUND));
    }

    @Test
    void aRegistryThatDoesNotAnswerIsUnreachable() throws Exception {
        int closed = homelabarr.testing.TestServer.freePort();
        assertThatThrownBy(() -> client(Optional.empty()).digest(ImageRef.parse("127.0.0.1:" + closed + "/x/y:1")))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNREACHABLE));
    }
}
