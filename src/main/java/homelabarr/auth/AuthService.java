package homelabarr.auth;

import homelabarr.audit.AuditLog;
import homelabarr.audit.RouteAudit;
import homelabarr.audit.ServiceParts;
import homelabarr.errors.Refused;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.ClientAddress;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Printable;
import homelabarr.http.Principal;
import homelabarr.http.SuccessBody;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.function.Function;

/** The {@code /auth} routes. */
final class AuthService implements HttpService {
    private final Accounts accounts;
    private final ApiKeyStore keys;
    private final BrowserSessions browser;
    private final ServiceParts parts;
    private final AuditLog audit;
    private final Json json;

    AuthService(Accounts accounts, ApiKeyStore keys, BrowserSessions browser, ServiceParts parts) {
        this.accounts = accounts;
        this.keys = keys;
        this.browser = browser;
        this.parts = parts;
        this.audit = parts.audit();
        this.json = parts.json();
    }

    /** Refused logins and changes are audited too: a burst of failed logins, user or key changes is worth seeing. */
    @Override
    public void routing(HttpRules rules) {
        Function<ServerRequest, String> id = RouteAudit.pathParameter("id");
        parts.routes(rules)
                .post("/auth/login", Access.PUBLIC, audit.route("auth.login"), (req, res, who) -> login(req, res))
                .post("/auth/logout", Access.SELF, this::logout)
                .get("/auth/me", Access.SELF, (req, res, who) -> json.ok(res, me(who)))
                .post("/auth/change-password", Access.SELF,
                        audit.route("auth.change-password"), this::changePassword)
                .post("/auth/users", Access.ADMIN, audit.route("user.create"), this::createUser)
                .get("/auth/users", Access.ADMIN,
                        (req, res, who) -> json.ok(res, ListBody.of(accounts.listUsers().stream().map(UserView::of).toList())))
                .patch("/auth/users/{id}", Access.ADMIN, audit.route("user.update", id), this::updateUser)
                .delete("/auth/users/{id}", Access.ADMIN, audit.route("user.delete", id), this::deleteUser)
                .post("/auth/api-keys", Access.READ, audit.route("api-key.create"), this::createKey)
                .get("/auth/api-keys", Access.READ, (req, res, who) -> {
                    Accounts.requireAccount(who);
                    json.ok(res, ListBody.of(keys.list(who.userId())));
                })
                .delete("/auth/api-keys/{id}", Access.READ, audit.route("api-key.delete", id), this::deleteKey)
                .close();
    }

    private void login(ServerRequest req, ServerResponse res) {
        Requests.Login body = json.read(req, Requests.Login.class);
        String name = body.username() == null ? "" : body.username().strip();
        // a refused login is recorded for the name it tried: there is no caller yet
        AuditLog.names(req, Printable.of(name, 64), Printable.of(name, 64));
        boolean cookie = body.cookie();
        String client = ClientAddress.of(req);
        User user = accounts.verify(name, body.password(), client);
        // the password is checked outside the transaction: hashing must not hold the database's write lock
        Accounts.Login login = audit.change(() -> accounts.openSession(user, client), ignored -> new AuditLog.Entry(
                user.username(), client, "auth.login", user.username(), AuditLog.SUCCESS, null));
        String csrf = null;
        if (cookie) {
            // the page never holds the token: the browser keeps it where scripts cannot read it
            res.header(HeaderNames.SET_COOKIE, browser.setCookie(req, login.token().token()));
            csrf = browser.csrfToken(login.token().jti());
        }
        json.ok(res, new Answers.Login(cookie ? null : login.token().token(), csrf,
                new Answers.LoginUser(login.user().username(), login.user().role().wireName()),
                login.token().expiresAt(), login.user().mustChangePassword()));
    }

    private void logout(ServerRequest req, ServerResponse res, Principal who) {
        audit.change(() -> accounts.logout(who), AuditLog.Entry.success(req, who, "auth.logout", who.username()));
        if (who.credential() == Principal.Credential.COOKIE) {
            res.header(HeaderNames.SET_COOKIE, browser.clearCookie(req));
        }
        json.ok(res, SuccessBody.OK);
    }

    private Answers.Me me(Principal who) {
        String method = switch (who.credential()) {
            case TOKEN -> "token";
            case COOKIE -> "cookie";
            case API_KEY -> "api-key";
            default -> "auth-disabled";
        };
        Answers.Caller caller = new Answers.Caller(who.userId(), who.username(), who.role().wireName(),
                who.mustChangePassword(), method);
        return new Answers.Me(caller, who.credential() == Principal.Credential.COOKIE
                ? browser.csrfToken(who.credentialId()) : null);
    }

    private void changePassword(ServerRequest req, ServerResponse res, Principal who) {
        AuditLog.target(req, who.username());
        Requests.ChangePassword body = json.read(req, Requests.ChangePassword.class);
        Tokens.Issued fresh = audit.change(() -> accounts.changePassword(who, body.currentPassword(), body.newPassword(),
                ClientAddress.of(req)), ignored -> AuditLog.Entry.success(req, who, "auth.change-password", who.username()));
        if (who.credential() == Principal.Credential.COOKIE) {
            res.header(HeaderNames.SET_COOKIE, browser.setCookie(req, fresh.token()));
            json.ok(res, new Answers.PasswordChanged(true, null, browser.csrfToken(fresh.jti()), fresh.expiresAt()));
            return;
        }
        json.ok(res, new Answers.PasswordChanged(true, fresh.token(), null, fresh.expiresAt()));
    }

    private void createUser(ServerRequest req, ServerResponse res, Principal who) {
        Requests.CreateUser body = json.read(req, Requests.CreateUser.class);
        User user = audit.change(() -> accounts.createUser(body.username(), body.password(), body.role()),
                created -> AuditLog.Entry.success(req, who, "user.create",
                        created.username() + " (" + created.role().wireName() + ")"));
        json.created(res, new Answers.OneUser(UserView.of(user)));
    }

    private void updateUser(ServerRequest req, ServerResponse res, Principal who) {
        Requests.UpdateUser body = json.read(req, Requests.UpdateUser.class);
        String what = ((body.role() != null ? "role=" + body.role() : "")
                + (body.password() != null ? " password reset" : "")).strip();
        User user = audit.change(() -> accounts.updateUser(who, req.path().pathParameters().get("id"), body.role(),
                body.password()), updated -> new AuditLog.Entry(who.username(), ClientAddress.of(req), "user.update",
                updated.username(), AuditLog.SUCCESS, what));
        json.ok(res, new Answers.OneUser(UserView.of(user)));
    }

    private void deleteUser(ServerRequest req, ServerResponse res, Principal who) {
        audit.change(() -> accounts.deleteUser(who, req.path().pathParameters().get("id")),
                deleted -> AuditLog.Entry.success(req, who, "user.delete", deleted.username()));
        json.ok(res, SuccessBody.OK);
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
                throw Refused.notFound("API key not found", "You have no API key with id " + id);
            }
        }, AuditLog.Entry.success(req, who, "api-key.delete", id));
        json.ok(res, SuccessBody.OK);
    }
}
