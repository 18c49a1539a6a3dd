package homelabarr.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog routes over real HTTP, including custom templates dropped into DATA_DIR while the server runs. */
class CatalogApiTest {
    @TempDir
    static Path dataDir;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listsAtLeast150AppsWithTheContractFieldsWithoutAuth() throws Exception {
        for (String prefix : new String[]{"", "/api"}) {
            Http.Response res = get(prefix + "/applications", Map.of());
            assertThat(res.status()).isEqualTo(200);
            JsonNode body = json(res.body());
            assertThat(body.get("success").asBoolean()).isTrue();
            assertThat(body.get("total").asInt()).isGreaterThanOrEqualTo(150).isEqualTo(body.get("data").size());
            Set<String> categories = new HashSet<>();
            for (JsonNode app : body.get("data")) {
                assertThat(app.has("id") && app.has("name") && app.has("category") && app.has("image")
                        && app.has("description") && app.has("icon") && app.has("risk")).as(app.toString()).isTrue();
                categories.add(app.get("category").asText());
            }
            assertThat(categories).hasSizeGreaterThanOrEqualTo(12);
            JsonNode plex = find(body, "media-servers-plex");
            assertThat(plex.get("name").asText()).isEqualTo("Plex");
            assertThat(plex.get("image").asText()).isEqualTo("lscr.io/linuxserver/plex:latest");
            assertThat(plex.get("description").asText()).isNotBlank();
            assertThat(plex.get("webPort").asInt()).isEqualTo(32400);
        }
    }

    @Test
    void theMainImageIsTheAppsNotItsDatabases() throws Exception {
        JsonNode immich = find(json(get("/applications", Map.of()).body()), "photos-immich");
        assertThat(immich.get("image").asText()).contains("immich-server");
        assertThat(immich.get("services").asInt()).isEqualTo(4);
    }

    @Test
    void filtersByCategoryAndSearchText() throws Exception {
        JsonNode media = json(get("/applications?category=media-servers", Map.of()).body());
        assertThat(media.get("total").asInt()).isPositive();
        media.get("data").forEach(a -> assertThat(a.get("category").asText()).isEqualTo("media-servers"));
        JsonNode search = json(get("/applications?q=JELLYFIN", Map.of()).body());
        assertThat(search.get("data").findValuesAsText("id")).contains("media-servers-jellyfin");
        JsonNode none = json(get("/applications?q=no-such-app-anywhere", Map.of()).body());
        assertThat(none.get("total").asInt()).isZero();
        assertThat(get("/applications?q=" + "x".repeat(101), Map.of()).status()).isEqualTo(400);
    }

    @Test
    void answers304WhenTheClientHasTheCurrentList() throws Exception {
        Http.Response first = get("/applications", Map.of());
        String etag = first.header("ETag").orElseThrow();
        assertThat(get("/applications", Map.of("If-None-Match", etag)).status()).isEqualTo(304);
        assertThat(get("/applications", Map.of("If-None-Match", "\"stale\"")).status()).isEqualTo(200);
        String filtered = get("/applications?category=ai", Map.of()).header("ETag").orElseThrow();
        assertThat(filtered).isNotEqualTo(etag);
    }

    @Test
    void sendsTheSameListGzippedWhenTheClientTakesGzip() throws Exception {
        Http.Response plain = get("/applications", Map.of());
        HttpRequest.Builder request = server.http().request("/applications", null).GET()
                .header("Accept-Encoding", "gzip, deflate");
        HttpResponse<byte[]> zipped = server.http().client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(zipped.headers().firstValue("ETag")).isEqualTo(plain.header("ETag"));
        assertThat(zipped.body().length).isLessThan(plain.body().length() / 3);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(plain.body());
        }
        assertThat(plain.header("Content-Encoding")).isEmpty();
        HttpRequest.Builder refused = server.http().request("/applications", null).GET().header("Accept-Encoding", "gzip;q=0");
        assertThat(server.http().client().send(refused.build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo(plain.body());
    }

    @Test
    void aChangedDeployPolicyChangesTheKeptAnswers() throws Exception {
        String defaults = server.get("/settings/deploy-policy", server.token()).json().get("data").toString();
        Http.Response before = get("/applications", Map.of());
        assertThat(find(json(before.body()), "media-servers-plex").get("adminOnly").asBoolean()).isFalse();
        try {
            assertThat(server.send("PUT", "/settings/deploy-policy", server.token(),
                    "{\"allowedBindRoots\": [\"/nowhere-else\"]}").status()).isEqualTo(200);
            Http.Response after = get("/applications", Map.of());
            assertThat(find(json(after.body()), "media-servers-plex").get("adminOnly").asBoolean()).isTrue();
            assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
            assertThat(get("/applications", Map.of("If-None-Match", before.header("ETag").orElseThrow())).status())
                    .isEqualTo(200);
            assertThat(json(get("/applications/media-servers-plex", Map.of()).body()).get("data").get("adminOnly")
                    .asBoolean()).isTrue();
        } finally {
            server.send("PUT", "/settings/deploy-policy", server.token(), defaults);
        }
        assertThat(get("/applications", Map.of()).header("ETag")).isEqualTo(before.header("ETag"));
    }

    @Test
    void anUnknownCategoryIsAnEmptyList() throws Exception {
        JsonNode none = json(get("/applications?category=no-such-category", Map.of()).body());
        assertThat(none.get("total").asInt()).isZero();
    }

    @Test
    void oneAppInFullWithoutServerPaths() throws Exception {
        Http.Response res = get("/api/applications/media-servers-plex", Map.of());
        assertThat(res.status()).isEqualTo(200);
        JsonNode plex = json(res.body()).get("data");
        assertThat(plex.get("services").get(0).get("ports").get(0).get("containerPort").asInt()).isEqualTo(32400);
        assertThat(plex.get("settings").findValuesAsText("key")).contains("TZ", "PUID", "PGID", "APPFOLDER", "WEBUI_PORT");
        assertThat(plex.get("webUi").get("port").asInt()).isEqualTo(32400);
        assertThat(res.body()).doesNotContain(dataDir.toString()).doesNotContain("/work/").doesNotContain(".yml");
    }

    @Test
    void unknownAppIs404WithTheErrorBody() throws Exception {
        Http.Response res = get("/applications/media-servers-nope", Map.of());
        assertThat(res.status()).isEqualTo(404);
        assertThat(json(res.body()).get("error").asText()).isEqualTo("App not found");
        assertThat(json(res.body()).has("details")).isTrue();
    }

    @Test
    void categoriesWithCounts() throws Exception {
        JsonNode body = json(get("/applications/categories", Map.of()).body());
        int sum = 0;
        for (JsonNode c : body.get("data")) {
            sum += c.get("count").asInt();
            assertThat(c.get("name").asText()).isNotBlank();
        }
        assertThat(sum).isEqualTo(json(get("/applications", Map.of()).body()).get("total").asInt());
    }

    @Test
    void customTemplatesAppearWithoutRestartAndBrokenOnesAreReported() throws Exception {
        Path folder = dataDir.resolve("apps/myapps");
        Files.writeString(folder.resolve("hello.yml"), """
                x-homelabarr:
                  name: Hello
                  description: A custom test app.
                  icon: hello
                  website: https://example.org
                services:
                  hello:
                    image: homelabarr-test/busybox:1
                    command: ["/bin/sleep", "3600"]
                """);
        Files.writeString(folder.resolve("broken.yml"), "x-homelabarr: {name: Broken}\nservices: [\n");
        JsonNode hello = awaitApp("myapps-hello");
        assertThat(hello.get("category").asText()).isEqualTo("myapps");
        assertThat(hello.get("custom").asBoolean()).isTrue();

        String token = server.adminToken();
        Http.Response errors = get("/applications/errors", Map.of("Authorization", "Bearer " + token));
        assertThat(errors.status()).isEqualTo(200);
        JsonNode broken = json(errors.body()).get("data").get(0);
        assertThat(broken.get("file").asText()).isEqualTo("broken.yml");
        assertThat(broken.get("error").asText()).contains("invalid YAML");
        assertThat(errors.body()).doesNotContain(dataDir.toString());
        assertThat(get("/applications/errors", Map.of()).status()).isEqualTo(401);

        Files.delete(folder.resolve("hello.yml"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (get("/applications/myapps-hello", Map.of()).status() != 404 && System.currentTimeMillis() < deadline) {
            server.clock().advance(java.time.Duration.ofSeconds(3));
        }
        assertThat(get("/applications/myapps-hello", Map.of()).status()).isEqualTo(404);
    }

    private static JsonNode awaitApp(String id) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Http.Response res = get("/applications/" + id, Map.of());
            if (res.status() == 200) {
                return json(res.body()).get("data");
            }
            server.clock().advance(java.time.Duration.ofSeconds(3));
            Thread.sleep(50);
        }
        throw new AssertionError(id + " did not appear in the catalog");
    }

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode app : list.get("data")) {
            if (app.get("id").asText().equals(id)) {
                return app;
            }
        }
        throw new AssertionError(id + " not in the list");
    }

    private static Http.Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = server.http().request(path, null).GET();
        headers.forEach(request::header);
        return server.http().send(request);
    }
}
