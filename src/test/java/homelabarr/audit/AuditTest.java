package homelabarr.audit;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTest {
    private static final String PASSWORD = "plain long passphrase";
    private TestServer server;
    private Http http;
    private String admin;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir);
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void freshAdminToken() {
        server.clock().advance(Duration.ofHours(1));
        admin = server.adminToken();
    }

    private List<JsonNode> entries(String query) {
        JsonNode body = http.get("/audit" + query, admin).assertStatus(200).json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("total").asInt()).isEqualTo(body.get("data").size());
        return StreamSupport.stream(body.get("data").spliterator(), false).toList();
    }

    private static JsonNode find(List<JsonNode> entries, String action, String target, String result) {
        return entries.stream()
                .filter(e -> e.get("action").asText().equals(action) && e.path("target").asText().equals(target)
                        && e.get("result").asText().equals(result))
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " " + target + " " + result
                        + " in " + entries));
    }

    @Test
    void recordsWhoDidWhatToWhomFromWhereWithWhatResultAndWhen() {
        String now = server.clock().instant().toString();
        String loggedIn = server.adminToken();
        http.post("/auth/login", null, """
                {"username": "admin", "password": "a wrong guess here"}""").assertError(401);
        String userId = server.createUser(admin, "audited", PASSWORD, "user");
        http.patch("/auth/users/" + userId, admin, """
                {"role": "viewer"}""").assertStatus(200);
        http.patch("/auth/users/" + userId, admin, """
                {"password": "reset by the boss"}""").assertStatus(200);
        String userToken = server.login("audited", "reset by the boss");
        http.post("/auth/change-password", userToken, """
                {"currentPassword": "wrong current one", "newPassword": "my own choice at last"}""").assertError(403);
        http.post("/auth/change-password", userToken, """
                {"currentPassword": "reset by the boss", "newPassword": "my own choice at last"}""").assertStatus(200);
        String keyId = server.createKey(admin, "audit-key").get("id").asText();
        http.delete("/auth/api-keys/" + keyId, admin).assertStatus(200);
        http.post("/auth/logout", loggedIn, null).assertStatus(200);
        http.delete("/auth/users/" + userId, admin).assertStatus(200);

        Http.Response page = http.get("/audit?limit=500", admin).assertStatus(200)
                .assertNoLeak(PASSWORD, "a wrong guess here", "reset by the boss", "my own choice at last");
        List<JsonNode> all = entries("?limit=500");
        assertThat(page.json().get("data").size()).isEqualTo(all.size());

        JsonNode success = find(all, "auth.login", "admin", "success");
        JsonNode failure = find(all, "auth.login", "admin", "failure");
        assertThat(failure.get("actor").asText()).isEqualTo("admin");
        assertThat(failure.get("details").asText()).isEqualTo("Not authenticated: Invalid username or password");
        assertThat(find(all, "user.create", "audited (user)", "success").get("actor").asText()).isEqualTo("admin");
        assertThat(all.stream().filter(e -> e.get("action").asText().equals("user.update"))
                .map(e -> e.get("details").asText())).contains("role=viewer", "password reset");
        assertThat(find(all, "auth.change-password", "audited", "failure").get("actor").asText()).isEqualTo("audited");
        assertThat(find(all, "auth.change-password", "audited", "success").get("actor").asText()).isEqualTo("audited");
        assertThat(find(all, "api-key.create", "audit-key (" + keyId + ")", "success").get("actor").asText()).isEqualTo("admin");
        find(all, "api-key.delete", keyId, "success");
        assertThat(find(all, "auth.logout", "admin", "success").get("actor").asText()).isEqualTo("admin");
        find(all, "user.delete", "audited", "success");

        for (JsonNode e : List.of(success, failure, find(all, "user.delete", "audited", "success"))) {
            assertThat(e.get("client").asText()).isEqualTo("127.0.0.1");
            assertThat(e.get("at").asText()).isEqualTo(now);
            assertThat(e.get("id").asLong()).isPositive();
        }
    }

    @Test
    void pagesNewestFirst() {
        for (int i = 0; i < 3; i++) {
            server.createKey(admin, "paging " + i);
        }
        List<Long> everything = entries("?limit=500").stream().map(e -> e.get("id").asLong()).toList();
        assertThat(everything).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        List<Long> walked = new ArrayList<>();
        String query = "?limit=2";
        for (int pages = 0; pages < 500; pages++) {
            JsonNode body = http.get("/audit" + query, admin).assertStatus(200).json();
            body.get("data").forEach(e -> walked.add(e.get("id").asLong()));
            if (!body.has("nextBefore")) {
                break;
            }
            assertThat(body.get("data").size()).isEqualTo(2);
            query = "?limit=2&before=" + body.get("nextBefore").asLong();
        }
        assertThat(walked).isEqualTo(everything);
    }

    @Test
    void refusedUserAndKeyChangesAreRecordedAsFailures() {
        http.post("/auth/users", admin, """
                {"username": "admin", "password": "another long passphrase", "role": "user"}""").assertError(409);
        http.delete("/auth/users/no-such-user", admin).assertError(404);
        http.post("/auth/api-keys", admin, """
                {"name": ""}""").assertError(400);
        List<JsonNode> entries = entries("?limit=20");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("user.create");
            assertThat(e.get("result").asText()).isEqualTo("failure");
            assertThat(e.get("details").asText()).contains("User already exists");
        });
        find(entries, "user.delete", "no-such-user", "failure");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("api-key.create");
            assertThat(e.get("result").asText()).isEqualTo("failure");
        });
    }

    /** Every route's refusal is recorded once and the same way: what the client was told, for the target named. */
    @Test
    void refusalsOfEveryFeatureAreRecordedOnceTheSameWay() {
        String run = Long.toString(System.nanoTime(), 36);
        String container = "missing-" + run;
        Http.Response stop = http.post("/containers/" + container + "/stop?timeout=abc", admin, null).assertError(400);
        Http.Response remove = http.delete("/containers/" + container, admin).assertError(404);
        Http.Response undeploy = http.delete("/applications/Not_An_App", admin).assertError(404);
        Http.Response deploy = http.post("/deploy", admin, """
                {"appId": "no-such-app-%s"}""".formatted(run)).assertError(404);
        Http.Response cancel = http.delete("/deployments/no-such-deployment", admin).assertError(404);

        List<JsonNode> stops = entries("?action=container.stop").stream()
                .filter(e -> e.path("target").asText().equals(container)).toList();
        assertThat(stops).hasSize(1);
        assertThat(stops.getFirst().get("result").asText()).isEqualTo("failure");
        assertThat(stops.getFirst().get("details").asText()).isEqualTo(stop.error() + ": " + stop.details());
        record Refusal(String action, String target, Http.Response answer) {
        }
        for (Refusal expected : List.of(new Refusal("container.remove", container, remove),
                new Refusal("app.undeploy", "Not_An_App", undeploy), new Refusal("deploy", "no-such-app-" + run, deploy),
                new Refusal("deploy.cancel", "no-such-deployment", cancel))) {
            JsonNode entry = find(entries("?action=" + expected.action()), expected.action(), expected.target(), "failure");
            assertThat(entry.get("details").asText()).as(expected.action())
                    .isEqualTo(expected.answer().error() + ": " + expected.answer().details());
            assertThat(entry.get("actor").asText()).isEqualTo("admin");
        }
    }

    @Test
    void filtersByActionAndActor() {
        http.post("/auth/login", null, """
                {"username": "someone-else", "password": "not a real account"}""").assertError(401);
        assertThat(entries("?action=auth.login")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("auth.login"));
        assertThat(entries("?actor=SOMEONE-ELSE")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("someone-else"));
        assertThat(entries("?action=auth.login&actor=nobody-ever")).isEmpty();
        assertThat(entries("?actor=%27%20OR%20%271%27%3D%271")).isEmpty();
    }

    @Test
    void badParametersAre400() {
        for (String query : new String[] {"?limit=0", "?limit=501", "?limit=abc", "?before=-1", "?before=x", "?limit=1e3"}) {
            http.get("/audit" + query, admin).assertError(400);
        }
    }

    @Test
    void onlyAdminsReadIt() {
        server.createUser(admin, "curious", PASSWORD, "user");
        assertThat(http.get("/audit", server.login("curious", PASSWORD)).assertError(403).error()).isEqualTo("Forbidden");
        http.get("/audit", null).assertError(401);
        http.get("/api/audit", admin).assertStatus(200);
    }

    @Test
    void attackerChosenNamesAreStoredBounded() {
        String name = "evil\\u0000\\u001b[31m" + "x".repeat(500);
        http.post("/auth/login", null, """
                {"username": "%s", "password": "whatever it is"}""".formatted(name)).assertError(401);
        JsonNode entry = entries("?action=auth.login&limit=1").getFirst();
        assertThat(entry.get("actor").asText()).hasSizeLessThanOrEqualTo(65).startsWith("evil[31mxxx")
                .doesNotContain("\u0000", "\u001b");
    }
}
