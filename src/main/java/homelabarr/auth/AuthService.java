package homelabarr.auth;

import homelabarr.audit.AuditLog;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.Authenticator;
import homelabarr.http.ClientAddress;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Printable;
import homelabarr.http.Principal;
import homelabarr.http.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code /auth} routes. */
final class AuthService implements HttpService {
    private final Accounts accounts;
    private final ApiKeyStore keys;
    private final BrowserSessions browser;
    private final AuditLog audit;
    private final Json json;
    private final Authenticator authenticator;

    AuthService(Accounts accounts, ApiKeyStore keys, BrowserSessions browser, AuditLog audit, Json json,
                Authenticator authenticator) {
        this.accounts = accounts;
        this.keys = keys;
        this.browser = browser;
        this.audit = audit;
        this.json = json;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        new Routes(rules, authenticator)
                .post("/auth/login", Access.PUBLIC, (req, res, who) -> login(req, res))
                .post("/auth/logout", Access.SELF, this::logout)
                .get("/auth/me", Access.SELF, (req, res, who) -> json.ok(res, meAnswer(who)))
                .post("/auth/change-password", Access.SELF, this::changePassword)
                .post("/auth/users", Access.ADMIN, failuresAudited("user.create", this::createUser))
                .get("/auth/users", Access.ADMIN,
                        (req, res, who) -> json.ok(res, ListBody.of(accounts.listUsers().stream().map(UserView::of).toList())))
                .patch("/auth/users/{id}", Access.ADMIN, failuresAudited("user.update", this::updateUser))
                .delete("/auth/users/{id}", Access.ADMIN, failuresAudited("user.delete", this::deleteUser))
                .post("/auth/api-keys", Access.READ, failuresAudited("api-key.create", this::createKey))
                .get("/auth/api-keys", Access.READ, (req, res, who) -> {
                    Accounts.requireAccount(who);
                    json.ok(res, ListBody.of(keys.list(who.userId())));
                })
                .delete("/auth/api-keys/{id}", Access.READ, failuresAudited("api-key.delete", this::deleteKey))
                .close();
    }

    /** Refused changes are audited too: a burst of failed user or key changes is worth seeing. */
    private Routes.Handler failuresAudited(String action, Routes.Handler handler) {
        return (req, res, who) -> {
            try {
                handler.handle(req, res, who);
            } catch (ApiException e) {
                String target = req.path().pathParameters().contains("id") ? req.path().pathParameters().get("id") : null;
                audit.failure(req, who.username(), action, target, e.error() + ": " + e.details());
                throw e;
            }
        };
    }

    private void login(ServerRequest req, ServerResponse res) {
        Requests.Login body = json.read(req, Requests.Login.class);
        boolean cookie = body.cookie();
        String client = ClientAddress.of(req);
        String name = body.username() == null ? "" : body.username().strip();
        User user;
        try {
            user = accounts.verify(name, body.password(), client);
        } catch (ApiException e) {
            audit.failure(req, Printable.of(name, 64), "auth.login", Printable.of(name, 64), e.details());
            throw e;
        }
        // the password is checked outside the transaction: hashing must not hold the database's write lock
        Accounts.Login login = audit.change(() -> accounts.openSession(user, client), ignored -> new AuditLog.Entry(
                user.username(), client, "auth.login", user.username(), AuditLog.SUCCESS, null));
        Map<String, Object> answer = new LinkedHashMap<>();
        if (cookie) {
            // the page never holds the token: the browser keeps it where scripts cannot read it
            res.header(HeaderNames.SET_COOKIE, browser.setCookie(req, login.token().token()));
            answer.put("csrfToken", browser.csrfToken(login.token().jti()));
        } else {
            answer.put("token", login.token().token());
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("username", login.user().username());
        shown.put("role", login.user().role().wireName());
        answer.put("user", shown);
        answer.put("expiresAt", login.token().expiresAt());
        answer.put("mustChangePassword", login.user().mustChangePassword());
        json.ok(res, answer);
    }

    private void logout(ServerRequest req, ServerResponse res, Principal who) {
        audit.change(() -> accounts.logout(who), AuditLog.Entry.success(req, who, "auth.logout", who.username()));
        if (who.credential() == Principal.Credential.COOKIE) {
            res.header(HeaderNames.SET_COOKIE, browser.clearCookie(req));
        }
        json.ok(res, Map.of("success", true));
    }

    /** With a cookie session also the CSRF token, so a reloaded page can recover it. */
    private Map<String, Object> meAnswer(Principal who) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", me(who));
        if (who.credential() == Principal.Credential.COOKIE) {
            answer.put("csrfToken", browser.csrfToken(who.credentialId()));
        }
        return answer;
    }

    private Map<String, Object> me(Principal who) {
        Map<String, Object> me = new LinkedHashMap<>();
        if (who.userId() != null) {
            me.put("id", who.userId());
        }
        me.put("username", who.username());
        me.put("role", who.role().wireName());
        me.put("mustChangePassword", who.mustChangePassword());
        me.put("authMethod", switch (who.credential()) {
            case TOKEN -> "token";
            case COOKIE -> "cookie";
            case API_KEY -> "api-key";
            default -> "auth-disabled";
        });
        return me;
    }

    private void changePassword(ServerRequest req, ServerResponse res, Principal who) {
        Requests.ChangePassword body = json.read(req, Requests.ChangePassword.class);
        Tokens.Issued fresh;
        try {
            fresh = audit.change(() -> accounts.changePassword(who, body.currentPassword(), body.newPassword(),
                    ClientAddress.of(req)), ignored -> AuditLog.Entry.success(req, who, "auth.change-password", who.username()));
        } catch (ApiException e) {
            audit.failure(req, who.username(), "auth.change-password", who.username(), e.details());
            throw e;
        }
        if (who.credential() == Principal.Credential.COOKIE) {
            res.header(HeaderNames.SET_COOKIE, browser.setCookie(req, fresh.token()));
            json.ok(res, Map.of("success", true, "csrfToken", browser.csrfToken(fresh.jti()), "expiresAt", fresh.expiresAt()));
            return;
        }
        json.ok(res, Map.of("success", true, "token", fresh.token(), "expiresAt", fresh.expiresAt()));
    }

    private void createUser(ServerRequest req, ServerResponse res, Principal who) {
        Requests.CreateUser body = json.read(req, Requests.CreateUser.class);
        User user = audit.change(() -> accounts.createUser(body.username(), body.password(), body.role()),
                created -> AuditLog.Entry.success(req, who, "user.create",
                        created.username() + " (" + created.role().wireName() + ")"));
        json.created(res, Map.of("user", UserView.of(user)));
    }

    private void updateUser(ServerRequest req, ServerResponse res, Principal who) {
        Requests.UpdateUser body = json.read(req, Requests.UpdateUser.class);
        String what = ((body.role() != null ? "role=" + body.role() : "")
                + (body.password() != null ? " password reset" : "")).strip();
        User user = audit.change(() -> accounts.updateUser(who, req.path().pathParameters().get("id"), body.role(),
                body.password()), updated -> new AuditLog.Entry(who.username(), ClientAddress.of(req), "user.update",
                updated.username(), AuditLog.SUCCESS, what));
        json.ok(res, Map.of("user", UserView.of(user)));
    }

    private void deleteUser(ServerRequest req, ServerResponse res, Principal who) {
        audit.change(() -> accounts.deleteUser(who, req.path().pathParameters().get("id")),
                deleted -> AuditLog.Entry.success(req, who, "user.delete", deleted.username()));
        json.ok(res, Map.of("success", true));
    }

    private void createKey(ServerRequest req, ServerResponse res, Principal who) {
        Accounts.requireAccount(who);
        Requests.CreateKey body = json.read(req, Requests.CreateKey.class);
        String name = body.name() == null ? "" : body.name().strip();
        if (name.isEmpty() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidField("name", "must be 1 to 64 printable characters");
        }
        ApiKeyStore.Created key = audit.change(() -> keys.create(who.userId(), name),
                created -> AuditLog.Entry.success(req, who, "api-key.create", name + " (" + created.id() + ")"));
        json.created(res, key);
    }

    private void deleteKey(ServerRequest req, ServerResponse res, Principal who) {
        Accounts.requireAccount(who);
        String id = req.path().pathParameters().get("id");
        audit.change(() -> {
            if (!keys.delete(who.userId(), id)) {
                throw ApiException.notFound("API key not found", "You have no API key with id " + id);
            }
        }, AuditLog.Entry.success(req, who, "api-key.delete", id));
        json.ok(res, Map.of("success", true));
    }
}
