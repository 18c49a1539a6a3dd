package homelabarr.environments;

import homelabarr.audit.AuditLog;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.Authenticator;
import homelabarr.http.ClientAddress;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Principal;
import homelabarr.http.Routes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /environments}: anyone signed in may list them (the dashboard's picker); only an admin may add, test,
 * rename or remove one, since an engine's API is root on its host.
 */
public final class EnvironmentsService implements HttpService {
    private final Environments environments;
    private final AuditLog audit;
    private final Json json;
    private final Authenticator authenticator;

    public EnvironmentsService(Environments environments, AuditLog audit, Json json, Authenticator authenticator) {
        this.environments = environments;
        this.audit = audit;
        this.json = json;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        new Routes(rules, authenticator)
                .get("/environments", Access.READ, (req, res, who) -> json.ok(res, ListBody.of(
                        environments.list().stream().map(v -> shown(v, who)).toList())))
                .post("/environments", Access.ADMIN, (req, res, who) -> {
                    EnvironmentRequest body = json.read(req, EnvironmentRequest.class);
                    EnvironmentView added = audited(req, who, "environment.add", body.name(),
                            () -> environments.add(body, who.username()));
                    json.created(res, Map.of("success", true, "data", added));
                })
                .post("/environments/test", Access.ADMIN, (req, res, who) -> json.ok(res, Map.of("success", true,
                        "data", environments.test(json.read(req, EnvironmentRequest.class)))))
                .get("/environments/{name}", Access.READ, (req, res, who) -> json.ok(res, Map.of("success", true,
                        "data", shown(environments.one(name(req)), who))))
                .post("/environments/{name}/test", Access.ADMIN, (req, res, who) -> json.ok(res, Map.of("success", true,
                        "data", environments.check(name(req)))))
                .patch("/environments/{name}", Access.ADMIN, (req, res, who) -> {
                    RenameRequest body = json.read(req, RenameRequest.class);
                    EnvironmentView renamed = audited(req, who, "environment.rename", name(req) + " -> " + body.name(),
                            () -> environments.rename(name(req), body.name()));
                    json.ok(res, Map.of("success", true, "data", renamed));
                })
                .delete("/environments/{name}", Access.ADMIN, (req, res, who) -> {
                    audited(req, who, "environment.remove", name(req), () -> {
                        environments.remove(name(req));
                        return null;
                    });
                    json.ok(res, Map.of("success", true, "removed", name(req)));
                })
                .close();
    }

    /** Addresses and errors (socket paths, host names) are for admins; others see names and states. */
    private static EnvironmentView shown(EnvironmentView v, Principal who) {
        return who.isAdmin() ? v : new EnvironmentView(v.name(), v.kind(), null, v.builtin(), v.tls(), v.reachable(),
                v.engineVersion(), v.apiVersion(), v.swarmRole(), null, v.lastChecked());
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }

    private <T> T audited(ServerRequest req, Principal who, String action, String target, Supplier<T> change) {
        String shown = homelabarr.http.Printable.of(String.valueOf(target), 100);
        try {
            T result = change.get();
            audit.record(who.username(), ClientAddress.of(req), action, shown, AuditLog.SUCCESS, null);
            return result;
        } catch (ApiException e) {
            audit.failure(req, who.username(), action, shown, e.details());
            throw e;
        }
    }
}
