package homelabarr.http;

import homelabarr.db.DatabaseException;
import homelabarr.testing.Http;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access rules of {@link Routes} and the last-resort answers of {@link ErrorMapper}, on a bare server whose
 * authenticator reads the role straight from the bearer value ({@code admin}, {@code user}, {@code viewer}, and
 * {@code must-change}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutesTest {
    private WebServer server;
    private Http http;

    @BeforeAll
    void start() {
        Json json = new Json(1024);
        Authenticator fromHeader = req -> {
            String value = req.headers().first(HeaderNames.AUTHORIZATION).map(v -> v.replace("Bearer ", ""))
                    .orElseThrow(() -> ApiException.unauthorized("no credentials"));
            boolean mustChange = value.equals("must-change");
            Role role = mustChange ? Role.ADMIN : Role.parse("role", value);
            return new Principal("id-" + value, value, role, mustChange, Principal.Credential.TOKEN, "jti");
        };
        ErrorMapper errors = new ErrorMapper(json);
        HttpRouting.Builder routing = HttpRouting.builder();
        errors.register(routing);
        routing.register("/t", rules -> {
            Routes routes = new Routes(rules, fromHeader);
            for (Access access : Access.values()) {
                routes.get("/" + access.name().toLowerCase(), access, (req, res, who) -> json.ok(res, Map.of("who", who.username())));
                routes.post("/" + access.name().toLowerCase(), access, (req, res, who) -> json.created(res, Map.of("who", who.username())));
            }
            routes.get("/boom", Access.PUBLIC, (req, res, who) -> {
                throw new IllegalStateException("secret detail in /srv/data/jwt-secret");
            });
            routes.get("/db", Access.PUBLIC, (req, res, who) -> {
                throw new DatabaseException(new SQLException("[SQLITE_CONSTRAINT] UNIQUE constraint failed: users.username"));
            });
            routes.close();
        });
        errors.notFound(routing);
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing)
                .directHandlers(errors.directHandlers()).build().start();
        http = new Http(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
            ",            public, 200", ",            self, 401", ",            read, 401", ",          write, 401", ",       admin, 401",
            "viewer,      public, 200", "viewer,      self, 200", "viewer,      read, 200", "viewer,    write, 403", "viewer, admin, 403",
            "user,        public, 200", "user,        self, 200", "user,        read, 200", "user,      write, 200", "user,   admin, 403",
            "admin,       public, 200", "admin,       self, 200", "admin,       read, 200", "admin,     write, 200", "admin,  admin, 200",
            "must-change, public, 200", "must-change, self, 200", "must-change, read, 403", "must-change, write, 403",
            "must-change, admin, 403",
    })
    void accessRules(String credential, String route, int expected) {
        for (String method : new String[] {"GET", "POST"}) {
            Http.Response r = http.send(http.request("/t/" + route, credential)
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()));
            if (expected == 200) {
                assertThat(r.status()).isEqualTo(method.equals("GET") ? 200 : 201);
                // public routes never look at credentials
                assertThat(r.json().get("who").asText())
                        .isEqualTo(credential == null || route.equals("public") ? "anonymous" : credential);
            } else {
                r.assertError(expected);
            }
            if (expected == 403 && credential.equals("must-change")) {
                assertThat(r.error()).isEqualTo("Password change required");
            }
        }
    }

    @Test
    void unexpectedFailuresAre500WithoutTheirMessage() {
        for (String path : new String[] {"/t/boom", "/t/db"}) {
            Http.Response r = http.get(path).assertError(500).assertNoLeak("secret", "/srv/data", "SQLITE", "UNIQUE", "users");
            assertThat(r.error()).isEqualTo("Internal server error");
        }
    }

    @Test
    void otherMethodsAre405AndUnknownPaths404() {
        Http.Response r = http.delete("/t/admin", "admin").assertError(405);
        assertThat(r.header("Allow")).isEqualTo(Optional.of("GET, POST"));
        http.get("/t/nothing-here").assertError(404);
    }
}
