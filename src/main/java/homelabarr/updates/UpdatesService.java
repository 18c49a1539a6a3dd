package homelabarr.updates;

import homelabarr.audit.AuditLog;
import homelabarr.audit.RouteAudit;
import homelabarr.audit.ServiceParts;
import homelabarr.deploy.Deploy;
import homelabarr.errors.Refused;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.ClientAddress;
import homelabarr.http.DataBody;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Principal;
import homelabarr.http.QueryParams;
import homelabarr.http.SuccessBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.regex.Pattern;

/** The update routes: read checks (any account), check, update, policies and registry logins (admins). */
final class UpdatesService implements HttpService {
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:\\d{1,5})?");
    private final UpdateChecker checker;
    private final Updater updater;
    private final UpdateStore store;
    private final RegistryLogins logins;
    private final ServiceParts parts;
    private final AuditLog audit;
    private final Json json;

    record LoginBody(String username, String password) {
        @Override
        public String toString() {
            return "LoginBody[" + username + "]";
        }
    }

    record PolicyBody(String policy, String window) {
    }

    /** The answer to a check: the apps' updates, and the environments that could not be asked this time. */
    record Checked(boolean success, List<UpdateViews.AppUpdates> data, int total, List<Unreached> unreachable) {
    }

    record Unreached(String environment, String error) {
    }

    /** The answer to an accepted update: where to follow it. */
    record Accepted(boolean success, String deploymentId, String appId, String status, String streamUrl,
                    String deploymentUrl) {
    }

    /** A stored login as answered: never its password. */
    record Login(String registry, String username) {
    }

    UpdatesService(UpdateChecker checker, Updater updater, UpdateStore store, RegistryLogins logins,
                   ServiceParts parts) {
        this.checker = checker;
        this.updater = updater;
        this.store = store;
        this.logins = logins;
        this.parts = parts;
        this.audit = parts.audit();
        this.json = parts.json();
    }

    @Override
    public void routing(HttpRules rules) {
        parts.routes(rules)
                .get("/updates", Access.READ, (req, res, who) -> json.ok(res, ListBody.of(
                        UpdateViews.apps(store, store.checks(QueryParams.text(req, "app").orElse(null))))))
                .post("/updates/check", Access.ADMIN, this::check)
                .get("/updates/registries", Access.ADMIN, (req, res, who) -> json.ok(res, ListBody.of(logins.list())))
                .put("/updates/registries/{registry}", Access.ADMIN,
                        audit.route("registry.login", RouteAudit.pathParameter("registry")), this::putLogin)
                .delete("/updates/registries/{registry}", Access.ADMIN,
                        audit.route("registry.logout", RouteAudit.pathParameter("registry")), this::removeLogin)
                .get("/applications/{id}/update", Access.READ, (req, res, who) -> json.ok(res,
                        DataBody.of(UpdateViews.app(store, appId(req)))))
                .post("/applications/{id}/update", Access.ADMIN, audit.route("app.update", RouteAudit.pathParameter("id")),
                        this::update)
                .put("/applications/{id}/update-policy", Access.ADMIN,
                        audit.route("app.update-policy", RouteAudit.pathParameter("id")), this::setPolicy)
                .close();
    }

    private void check(ServerRequest req, ServerResponse res, Principal who) {
        String app = QueryParams.text(req, "app").orElse(null);
        if (app != null && !APP_ID.matcher(app).matches()) {
            throw ApiException.invalidField("app", "must be an app id such as media-servers-plex");
        }
        UpdateChecker.Result checked = checker.check(app);
        if (app != null && checked.apps().isEmpty()) {
            throw Refused.notFound("Not deployed", "No running app with id " + app);
        }
        List<ContainerCheck> all = checked.apps().values().stream().flatMap(List::stream).toList();
        List<UpdateViews.AppUpdates> apps = UpdateViews.apps(store, all);
        // their apps keep their last checks: not seen there this time is not gone
        json.ok(res, new Checked(true, apps, apps.size(), checked.unreached().entrySet().stream()
                .map(e -> new Unreached(e.getKey(), e.getValue())).toList()));
    }

    /** The outcome is recorded when the update's deployment ends; a refusal here by the route's audit. */
    private void update(ServerRequest req, ServerResponse res, Principal who) {
        Deploy.UpdateStarted started = updater.update(appId(req), who, ClientAddress.of(req));
        json.send(res, 202, new Accepted(true, started.deploymentId(), started.appId(), "queued", started.streamUrl(),
                "/deployments/" + started.deploymentId()));
    }

    private void setPolicy(ServerRequest req, ServerResponse res, Principal who) {
        String appId = appId(req);
        PolicyBody body = json.read(req, PolicyBody.class);
        if (body.policy() == null || !UpdatePolicy.known(body.policy())) {
            throw ApiException.invalidField("policy", "must be notify, auto or pinned");
        }
        String window = body.window() == null || body.window().isBlank() ? null : body.window().strip();
        if (window != null && !UpdatePolicy.validWindow(window)) {
            throw ApiException.invalidField("window", "must be a UTC time range such as 02:00-05:00");
        }
        if (window != null && !UpdatePolicy.AUTO.equals(body.policy())) {
            throw ApiException.invalidField("window", "only applies to the auto policy");
        }
        audit.change(() -> store.setPolicy(appId, body.policy(), window, who.username()),
                AuditLog.Entry.success(req, who, "app.update-policy", appId + " " + body.policy()
                        + (window == null ? "" : " " + window)));
        json.ok(res, DataBody.of(store.policy(appId)));
    }

    private void putLogin(ServerRequest req, ServerResponse res, Principal who) {
        String registry = registry(req);
        AuditLog.target(req, registry);
        LoginBody body = json.read(req, LoginBody.class);
        if (body.username() == null || body.username().isBlank() || body.username().length() > 256
                || body.username().chars().anyMatch(ch -> ch < 0x20 || ch == ':')) {
            throw ApiException.invalidField("username", "is required: up to 256 characters, no colon or control characters");
        }
        if (body.password() == null || body.password().isEmpty() || body.password().length() > 4096) {
            throw ApiException.invalidField("password", "is required (a password or access token, up to 4096 characters)");
        }
        audit.change(() -> logins.put(registry, body.username(), body.password(), who.username()),
                AuditLog.Entry.success(req, who, "registry.login", registry + " as " + body.username()));
        json.ok(res, DataBody.of(new Login(registry, body.username())));
    }

    private void removeLogin(ServerRequest req, ServerResponse res, Principal who) {
        String registry = registry(req);
        AuditLog.target(req, registry);
        audit.change(() -> {
            if (!logins.remove(registry)) {
                throw Refused.notFound("Unknown registry", "No login stored for " + registry);
            }
        }, AuditLog.Entry.success(req, who, "registry.logout", registry));
        json.ok(res, SuccessBody.OK);
    }

    private static String appId(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (!APP_ID.matcher(id).matches()) {
            throw Refused.notFound("Not deployed", "No app with this id");
        }
        return id;
    }

    /** A registry host as images name it ({@code ghcr.io}, {@code registry.lan:5000}); Docker Hub is {@code docker.io}. */
    private static String registry(ServerRequest req) {
        String registry = req.path().pathParameters().get("registry");
        if (!REGISTRY.matcher(registry).matches()) {
            throw ApiException.invalidField("registry", "must be a registry host such as ghcr.io or registry.lan:5000");
        }
        String lower = registry.toLowerCase(java.util.Locale.ROOT);
        return lower.equals("index.docker.io") || lower.equals("registry-1.docker.io") ? Registry.DOCKER_HUB : lower;
    }
}
