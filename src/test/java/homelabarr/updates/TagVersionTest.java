package homelabarr.updates;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure rules: newer version tags of the same shape, challenges, maintenance windows. */
class TagVersionTest {
    @Test
    void newerTagsKeepTheVariantPrefixAndShape() {
        List<String> tags = List.of("1.2.3-alpine", "1.2.4-alpine", "1.10.0-alpine", "1.2.4", "1.3.0-alpine-rc1",
                "1.2.2-alpine", "latest", "1.3-alpine", "v1.9.9-alpine", "2.0.0-alpine");
        assertThat(TagVersion.newer("1.2.3-alpine", tags)).containsExactly("2.0.0-alpine", "1.10.0-alpine", "1.2.4-alpine");
        assertThat(TagVersion.newer("1.2.3", List.of("1.2.4", "1.2.4-alpine", "1.2.10"))).containsExactly("1.2.10", "1.2.4");
        assertThat(TagVersion.newer("v2.10", List.of("v2.9", "v2.11", "2.12", "v3.0"))).containsExactly("v3.0", "v2.11");
        assertThat(TagVersion.newer("17-alpine", List.of("18-alpine", "17.1-alpine", "16-alpine"))).containsExactly("18-alpine");
        assertThat(TagVersion.newer("latest", tags)).isEmpty();
        assertThat(TagVersion.newer("stable", tags)).isEmpty();
    }

    @Test
    void atMostTenAreListed() {
        List<String> many = java.util.stream.IntStream.rangeClosed(1, 30).mapToObj(i -> "1.0." + i).toList();
        assertThat(TagVersion.newer("1.0.0", many)).hasSize(10).startsWith("1.0.30");
    }

    @Test
    void challengesAreParsed() {
        Challenge bearer = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/nginx:pull\"").orElseThrow();
        assertThat(bearer.bearer()).isTrue();
        assertThat(bearer.param("realm")).isEqualTo("https://auth.docker.io/token");
        assertThat(bearer.param("service")).isEqualTo("registry.docker.io");
        assertThat(bearer.param("scope")).isEqualTo("repository:library/nginx:pull");
        assertThat(Challenge.parse("Basic realm=\"Registry Realm\"").orElseThrow().basic()).isTrue();
        assertThat(Challenge.parse("")).isEmpty();
    }

    @Test
    void dockerHubNamesAreNormalised() throws Exception {
        Registry hub = Registry.of(homelabarr.catalog.ImageRef.parse("nginx:1.27"));
        assertThat(hub.host()).isEqualTo("docker.io");
        assertThat(hub.manifest("1.27").toString()).isEqualTo("https://registry-1.docker.io/v2/library/nginx/manifests/1.27");
        assertThat(Registry.of(homelabarr.catalog.ImageRef.parse("ghcr.io/home/app:2")).manifest("2").toString())
                .isEqualTo("https://ghcr.io/v2/home/app/manifests/2");
        assertThat(Registry.of(homelabarr.catalog.ImageRef.parse("127.0.0.1:5000/test/x:1")).base().getScheme()).isEqualTo("http");
    }

    @Test
    void maintenanceWindowsMaySpanMidnight() {
        UpdatePolicy night = new UpdatePolicy("a", UpdatePolicy.AUTO, "23:00-02:00", "admin", null);
        assertThat(night.inWindow(Instant.parse("2026-01-01T23:30:00Z"))).isTrue();
        assertThat(night.inWindow(Instant.parse("2026-01-01T01:59:00Z"))).isTrue();
        assertThat(night.inWindow(Instant.parse("2026-01-01T02:00:00Z"))).isFalse();
        assertThat(night.inWindow(Instant.parse("2026-01-01T12:00:00Z"))).isFalse();
        UpdatePolicy morning = new UpdatePolicy("a", UpdatePolicy.AUTO, "02:00-05:00", "admin", null);
        assertThat(morning.inWindow(Instant.parse("2026-01-01T03:00:00Z"))).isTrue();
        assertThat(morning.inWindow(Instant.parse("2026-01-01T05:00:00Z"))).isFalse();
        assertThat(new UpdatePolicy("a", UpdatePolicy.AUTO, null, "admin", null).inWindow(Instant.now())).isTrue();
        assertThat(UpdatePolicy.validWindow("24:00-01:00")).isFalse();
        assertThat(UpdatePolicy.validWindow("2:00-5:00")).isFalse();
    }
}
