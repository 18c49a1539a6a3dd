package homelabarr.web;

import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard is served beside the API without changing it: the page for browsers at / and at its own routes,
 * JSON for API paths (even when a browser opens them), long-lived caching only for hashed assets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardServingTest {
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private TestServer server;
    private Http http;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir);
        http = server.http();
        assertThat(new Dashboard().available()).as("the Maven build puts the dashboard in target/classes/web").isTrue();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Http.Response get(String path, String accept) {
        HttpRequest.Builder b = http.request(path, null).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b);
    }

    @Test
    void aBrowserGetsThePageAtTheRootWithAStrictPolicyAndNoCaching() {
        Http.Response page = get("/", BROWSER_ACCEPT).assertStatus(200);
        assertThat(page.header("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<div id=\"root\">").containsPattern("src=\"/assets/index-[\\w-]+\\.js\"")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");  // no inline script
        assertThat(page.header("Cache-Control")).hasValue("no-cache");
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
        String etag = page.header("ETag").orElseThrow();
        Http.Response again = http.send(http.request("/", null).header("Accept", BROWSER_ACCEPT)
                .header("If-None-Match", etag).GET());
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void aClientAskingForJsonGetsTheIndexAtTheRootAndApiAlwaysAnswersJson() {
        Http.Response json = get("/", "application/json").assertStatus(200);
        assertThat(json.json().path("name").asText()).isEqualTo("HomelabARR");
        for (String path : new String[] {"/api/", "/api"}) {
            assertThat(get(path, BROWSER_ACCEPT).assertStatus(200).json().path("links").has("health")).isTrue();
        }
    }

    @Test
    void theDashboardsOwnRoutesGetThePage() {
        for (String path : new String[] {"/catalog", "/apps/media-servers-plex", "/apps/media-servers-plex/deploy",
                "/deploys", "/deploys/0123456789abcdef", "/host/containers", "/host/containers/plex/logs",
                "/host/ports", "/admin/users", "/account", "/no-such-screen"}) {
            Http.Response r = get(path, BROWSER_ACCEPT);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).contains("<div id=\"root\">");
        }
    }

    @Test
    void apiPathsAnswerJsonEvenWhenABrowserOpensThem() {
        assertThat(get("/containers", BROWSER_ACCEPT).assertError(401).error()).isEqualTo("Not authenticated");
        get("/api/containers", BROWSER_ACCEPT).assertError(401);
        get("/deployments", BROWSER_ACCEPT).assertError(401);
        assertThat(get("/health", BROWSER_ACCEPT).json().has("status")).isTrue();
        get("/api/nothing-here", BROWSER_ACCEPT).assertError(404);
        get("/auth/nothing-here", BROWSER_ACCEPT).assertError(404);
        get("/assets/index-missing.js", BROWSER_ACCEPT).assertError(404);
        get("/stream/nothing", BROWSER_ACCEPT).assertError(404);
        // not a browser navigation: the JSON 404 as before
        get("/catalog", null).assertError(404);
        get("/catalog", "application/json").assertError(404);
        http.send(http.request("/catalog", null).header("Accept", BROWSER_ACCEPT)
                .POST(HttpRequest.BodyPublishers.noBody())).assertError(404);
    }

    @Test
    void hashedAssetsAreCachedForAYearAndSentGzipped() throws IOException, InterruptedException {
        String page = get("/", BROWSER_ACCEPT).body();
        for (String kind : new String[] {"js", "css"}) {
            Matcher m = Pattern.compile("/assets/index-[\\w-]+\\." + kind).matcher(page);
            assertThat(m.find()).as(kind).isTrue();
            String path = m.group();
            Http.Response plain = get(path, "*/*").assertStatus(200);
            assertThat(plain.header("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(plain.header("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith(kind.equals("js") ? "text/javascript" : "text/css"));
            assertThat(plain.header("Content-Encoding")).isEmpty();
            HttpResponse<byte[]> zipped = http.client().send(http.request(path, null)
                    .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(zipped.body().length).isLessThan(plain.body().getBytes(StandardCharsets.UTF_8).length);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain.body());
            }
        }
        for (String bad : new String[] {"/assets/..%2Fweb%2Findex.html", "/assets/.hidden", "/assets/x.js.gz"}) {
            assertThat(get(bad, "*/*").status()).as(bad).isEqualTo(404);
        }
    }

    @Test
    void acceptNegotiationPrefersWhatTheClientRanksHigher() {
        assertThat(PageRequests.quality("text/html,application/json;q=0.5", "application/json")).isEqualTo(0.5);
        assertThat(PageRequests.quality("*/*", "text/html")).isZero();
        assertThat(PageRequests.isApiPath("/Containers")).isTrue();
        assertThat(PageRequests.isApiPath("/host/containers")).isFalse();
        assertThat(get("/", "application/json, text/html;q=0.9").json().has("links")).isTrue();
        assertThat(get("/", "text/html, application/json;q=0.9").body()).contains("<div id=\"root\">");
    }
}
