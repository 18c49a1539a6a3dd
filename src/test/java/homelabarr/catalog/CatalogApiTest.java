package homelabarr.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.App;
import homelabarr.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog routes over real HTTP, including custom templates dropped into DATA_DIR while the server runs. */
class CatalogApiTest {
    private static final String PASSWORD = "catalog-test-passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path dataDir;
    private static App app;
    private static String base;

    @BeforeAll
    static void start() {
        app = new App(Config.load(Map.of("PORT", "0", "BIND_ADDRESS", "127.0.0.1", "DATA_DIR", dataDir.toString(),
                "HOMELABARR_ADMIN_PASSWORD", PASSWORD)), Clock.systemUTC());
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void listsAtLeast150AppsWithTheContractFieldsWithoutAuth() throws Exception {
        for (String prefix : new String[]{"", "/api"}) {
            HttpResponse<String> res = get(prefix + "/applications", Map.of());
            assertThat(res.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(res.body());
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
        JsonNode immich = find(JSON.readTree(get("/applications", Map.of()).body()), "photos-immich");
        assertThat(immich.get("image").asText()).contains("immich-server");
        assertThat(immich.get("services").asInt()).isEqualTo(4);
    }

    @Test
    void filtersByCategoryAndSearchText() throws Exception {
        JsonNode media = JSON.readTree(get("/applications?category=media-servers", Map.of()).body());
        assertThat(media.get("total").asInt()).isPositive();
        media.get("data").forEach(a -> assertThat(a.get("category").asText()).isEqualTo("media-servers"));
        JsonNode search = JSON.readTree(get("/applications?q=JELLYFIN", Map.of()).body());
        assertThat(search.get("data").findValuesAsText("id")).contains("media-servers-jellyfin");
        JsonNode none = JSON.readTree(get("/applications?q=no-such-app-anywhere", Map.of()).body());
        assertThat(none.get("total").asInt()).isZero();
        assertThat(get("/applications?q=" + "x".repeat(101), Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void answers304WhenTheClientHasTheCurrentList() throws Exception {
        HttpResponse<String> first = get("/applications", Map.of());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/applications", Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
        assertThat(get("/applications", Map.of("If-None-Match", "\"stale\"")).statusCode()).isEqualTo(200);
        String filtered = get("/applications?category=ai", Map.of()).headers().firstValue("ETag").orElseThrow();
        assertThat(filtered).isNotEqualTo(etag);
    }

    @Test
    void oneAppInFullWithoutServerPaths() throws Exception {
        HttpResponse<String> res = get("/api/applications/media-servers-plex", Map.of());
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode plex = JSON.readTree(res.body()).get("data");
        assertThat(plex.get("services").get(0).get("ports").get(0).get("containerPort").asInt()).isEqualTo(32400);
        assertThat(plex.get("settings").findValuesAsText("key")).contains("TZ", "PUID", "PGID", "APPFOLDER", "WEBUI_PORT");
        assertThat(plex.get("webUi").get("port").asInt()).isEqualTo(32400);
        assertThat(res.body()).doesNotContain(dataDir.toString()).doesNotContain("/work/").doesNotContain(".yml");
    }

    @Test
    void unknownAppIs404WithTheErrorBody() throws Exception {
        HttpResponse<String> res = get("/applications/media-servers-nope", Map.of());
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(res.body()).get("error").asText()).isEqualTo("App not found");
        assertThat(JSON.readTree(res.body()).has("details")).isTrue();
    }

    @Test
    void categoriesWithCounts() throws Exception {
        JsonNode body = JSON.readTree(get("/applications/categories", Map.of()).body());
        int sum = 0;
        for (JsonNode c : body.get("data")) {
            sum += c.get("count").asInt();
            assertThat(c.get("name").asText()).isNotBlank();
        }
        assertThat(sum).isEqualTo(JSON.readTree(get("/applications", Map.of()).body()).get("total").asInt());
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

        String token = login();
        HttpResponse<String> errors = get("/applications/errors", Map.of("Authorization", "Bearer " + token));
        assertThat(errors.statusCode()).isEqualTo(200);
        JsonNode broken = JSON.readTree(errors.body()).get("data").get(0);
        assertThat(broken.get("file").asText()).isEqualTo("broken.yml");
        assertThat(broken.get("error").asText()).contains("invalid YAML");
        assertThat(errors.body()).doesNotContain(dataDir.toString());
        assertThat(get("/applications/errors", Map.of()).statusCode()).isEqualTo(401);

        Files.delete(folder.resolve("hello.yml"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (get("/applications/myapps-hello", Map.of()).statusCode() != 404 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(get("/applications/myapps-hello", Map.of()).statusCode()).isEqualTo(404);
    }

    private static JsonNode awaitApp(String id) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> res = get("/applications/" + id, Map.of());
            if (res.statusCode() == 200) {
                return JSON.readTree(res.body()).get("data");
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + " did not appear in the catalog");
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode app : list.get("data")) {
            if (app.get("id").asText().equals(id)) {
                return app;
            }
        }
        throw new AssertionError(id + " not in the list");
    }

    private static String login() throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(res.body()).get("token").asText();
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
