package homelabarr;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk used to answer every write with a generic 500, and once left a user created without its audit
 * record. The database is filled for real: SQLite's max_page_count on the server's connections makes every write
 * that needs a new page fail with SQLITE_FULL, exactly as a full disk does. The audit log is filled first (key
 * created, key deleted, again), so a new user's row still fits in its table's page while its audit record does not.
 */
class StorageFailureTest {
    private static final long NO_LIMIT = 1_073_741_823;
    @TempDir
    Path dataDir;
    private TestServer server;
    private DockerFixture docker;

    @AfterEach
    void stop() {
        if (docker != null) {
            docker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private String admin() {
        return server.adminToken();
    }

    private Http.Response createUser(String token, String name) {
        return server.post("/auth/users", token, """
                {"username": "%s", "password": "a-long-enough-password-9", "role": "user"}""".formatted(name));
    }

    /** Fills the database to its current size, then writes audit records until one does not fit. */
    private Http.Response fillAuditLog(String token) {
        server.app().database().onEveryConnection("max_page_count = " + server.count("PRAGMA page_count"));
        for (int i = 0; i < 5000; i++) {
            Http.Response created = server.post("/auth/api-keys", token, """
                    {"name": "filler-%d-with-a-name-long-enough-to-fill-pages-quickly"}""".formatted(i));
            if (created.status() != 201) {
                return created;
            }
            Http.Response deleted = server.delete("/auth/api-keys/" + created.json().get("id").asText(), token);
            if (deleted.status() != 200) {
                return deleted;
            }
        }
        throw new AssertionError("the database never filled up");
    }

    private long auditCount(String action) {
        return server.count("SELECT COUNT(*) FROM audit_log WHERE action = ? AND result = 'success'", action);
    }

    @Test
    void aFullDatabaseAnswers507ChangesNothingAndKeepsEveryChangeWithItsRecord() {
        server = TestServer.start(dataDir);
        String token = admin();
        assertThat(createUser(token, "kept-user").status()).isEqualTo(201);

        fillAuditLog(token).assertError(507);
        Http.Response lost = createUser(token, "lost-user").assertError(507);
        assertThat(lost.error()).isEqualTo("Storage full");
        assertThat(lost.json().get("details").asText()).contains("full", "nothing was changed");

        // no change without its record: not the user, not any of the API keys created and deleted meanwhile
        assertThat(server.count("SELECT COUNT(*) FROM users WHERE username = 'lost-user'")).isZero();
        assertThat(server.count("SELECT COUNT(*) FROM users") - 1).isEqualTo(auditCount("user.create"));
        assertThat(server.count("SELECT COUNT(*) FROM api_keys"))
                .isEqualTo(auditCount("api-key.create") - auditCount("api-key.delete"));

        // reads still work, bad input is still a 400; a login (a new session) opens with its record or not at all
        Http.Response users = server.get("/auth/users", token);
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.body()).contains("kept-user").doesNotContain("lost-user");
        createUser(token, "x").assertError(400);
        for (int i = 0; i < 20; i++) {
            Http.Response login = server.http().post("/auth/login", null, """
                    {"username": "admin", "password": "%s"}""".formatted(TestServer.ADMIN_PASSWORD));
            if (login.status() != 200) {
                login.assertError(507);
                break;
            }
        }
        assertThat(server.count("SELECT COUNT(*) FROM sessions")).isEqualTo(auditCount("auth.login"));
        assertThat(server.query("PRAGMA integrity_check").getFirst().values()).containsExactly("ok");

        // space returns: the same request succeeds, with its record
        server.app().database().onEveryConnection("max_page_count = " + NO_LIMIT);
        assertThat(createUser(token, "lost-user").status()).isEqualTo(201);
        assertThat(server.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.create' AND target LIKE 'lost-user%'"))
                .isEqualTo(1);
    }

    @NeedsDocker
    @Test
    void aContainerActionIsNotMadeWhenItsRecordCannotBeWritten() {
        server = TestServer.start(dataDir);
        docker = new DockerFixture();
        String name = docker.name("full");
        String id = docker.run(name, DockerFixture.IDLE);
        String token = admin();

        fillAuditLog(token).assertError(507);
        server.post("/containers/" + id + "/stop?timeout=1", token).assertError(507);
        assertThat(docker.client().inspectContainerCmd(id).exec().getState().getRunning()).isTrue();

        server.app().database().onEveryConnection("max_page_count = " + NO_LIMIT);
        assertThat(server.post("/containers/" + id + "/stop?timeout=1", token).status()).isEqualTo(200);
        JsonNode record = server.get("/audit?action=container.stop", token).json().get("data").get(0);
        assertThat(record.get("target").asText()).isEqualTo(name);
        assertThat(record.get("result").asText()).isEqualTo("success");
    }

    @Test
    void aReadOnlyDatabaseAnswers503AndRecovers() {
        server = TestServer.start(dataDir);
        String token = admin();
        server.app().database().onEveryConnection("query_only = 1");
        Http.Response refused = createUser(token, "later-user").assertError(503);
        assertThat(refused.error()).isEqualTo("Storage unavailable");
        assertThat(server.get("/auth/users", token).status()).isEqualTo(200);
        assertThat(server.count("SELECT COUNT(*) FROM users WHERE username = 'later-user'")).isZero();

        server.app().database().onEveryConnection("query_only = 0");
        assertThat(createUser(token, "later-user").status()).isEqualTo(201);
    }
}
