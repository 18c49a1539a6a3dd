package homelabarr.updates;

import homelabarr.audit.AuditLog;
import homelabarr.deploy.Deploy;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.Authenticator;
import homelabarr.http.ClientAddress;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Principal;
import homelabarr.http.QueryParams;
import homelabarr.http.Routes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The update routes: read checks (any account), check, update, policies and registry logins (admins). */
final class UpdatesService implements HttpService {
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:\\d{1,5})?");
    private final UpdateChecker checker;
    private final Updater updater;
    private final UpdateStore store;
    private final RegistryLogins logins;
    private final AuditLog audit;
    private final Json json;
    private final Authenticator authenticator;

    record LoginBody(String username, String password) {
        @Override
        public String toString() {
            return "LoginBody[" + username + "]";
        }
    }

    record PolicyBody(String policy, String window) {
    }

    UpdatesService(UpdateChecker checker, Updater updater, UpdateStore store, RegistryLogins logins, AuditLog audit,
                   Json json, Authenticator authenticator) {
        this.checker = checker;
        this.updater = updater;
        this.store = store;
        this.logins = logins;
        this.audit = audit;
        this.json = json;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        new Routes(rules, authenticator)
                .get("/updates", Access.READ, (req, res, who) -> json.ok(res, ListBody.of(
                        UpdateViews.apps(store, store.checks(QueryParams.text(req, "app").orElse(null))))))
                .post("/updates/check", Access.ADMIN, this::check)
                .get("/updates/registries", Access.ADMIN, (req, res, who) -> json.ok(res, ListBody.of(logins.list())))
                .put("/updates/registries/{registry}", Access.ADMIN, this::putLogin)
                .delete("/updates/registries/{registry}", Access.ADMIN, this::removeLogin)
                .get("/applications/{id}/update", Access.READ, (req, res, who) -> json.ok(res, Map.of("success", true,
                        "data", UpdateViews.app(store, appId(req)))))
                .post("/applications/{id}/update", Access.ADMIN, this::update)
                .put("/applications/{id}/update-policy", Access.ADMIN, this::setPolicy)
                .close();
    }

    private void check(ServerRequest req, ServerResponse res, Principal who) {
        String app = QueryParams.text(req, "app").orElse(null);
        if (app != null && !APP_ID.matcher(app).matches()) {
            throw ApiException.invalidField("app", "must be an app id such as media-servers-plex");
        }
        UpdateChecker.Result checked = checker.check(app);
        if (app != null && checked.apps().isEmpty()) {
            throw ApiException.notFound("Not deployed", "No running app with id " + app);
        }
        List<ContainerCheck> all = checked.apps().values().stream().flatMap(List::stream).toList();
        List<UpdateViews.AppUpdates> apps = UpdateViews.apps(store, all);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("data", apps);
        answer.put("total", apps.size());
        // their apps keep their last checks: not seen there this time is not gone
        answer.put("unreachable", checked.unreached().entrySet().stream()
                .map(e -> Map.of("environment", e.getKey(), "error", e.getValue())).toList());
        json.ok(res, answer);
    }

    private void update(ServerRequest req, ServerResponse res, Principal who) {
        String appId = appId(req);
        try {
            Deploy.UpdateStarted started = updater.update(appId, who, ClientAddress.of(req));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", true);
            answer.put("deploymentId", started.deploymentId());
            answer.put("appId", started.appId());
            answer.put("status", "queued");
            answer.put("streamUrl", started.streamUrl());
            answer.put("deploymentUrl", "/deployments/" + started.deploymentId());
            json.send(res, 202, answer);
        } catch (ApiException e) {
            audit.failure(req, who.username(), "app.update", appId, e.error() + ": " + e.details());
            throw e;
        }
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
        json.ok(res, Map.of("success", true, "data", store.policy(appId)));
    }

    private void putLogin(ServerRequest req, ServerResponse res, Principal who) {
        String registry = registry(req);
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
        json.ok(res, Map.of("success", true, "data", Map.of("registry", registry, "username", body.username())));
    }

    private void removeLogin(ServerRequest req, ServerResponse res, Principal who) {
        String registry = registry(req);
        boolean removed = audit.change(() -> logins.remove(registry),
                gone -> new AuditLog.Entry(who.username(), ClientAddress.of(req), "registry.logout", registry,
                        gone ? AuditLog.SUCCESS : AuditLog.FAILURE, gone ? null : "no stored login"));
        if (!removed) {
            throw ApiException.notFound("Unknown registry", "No login stored for " + registry);
        }
        json.ok(res, Map.of("success", true));
    }

    private static String appId(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (!APP_ID.matcher(id).matches()) {
            throw ApiException.notFound("Not deployed", "No app with this id");
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
