package homelabarr.environments;

import homelabarr.audit.AuditLog;
import homelabarr.audit.RouteAudit;
import homelabarr.audit.ServiceParts;
import homelabarr.http.Access;
import homelabarr.http.DataBody;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Principal;
import homelabarr.http.Printable;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.util.function.Function;

/**
 * {@code /environments}: anyone signed in may list them (the dashboard's picker); only an admin may add, test,
 * rename or remove one, since an engine's API is root on its host. A change's success is recorded before it is
 * answered, a refusal by the route's audit.
 */
public final class EnvironmentsService implements HttpService {
    /** The environment named by the path, as an audit target. */
    private static final Function<ServerRequest, String> PATH_NAME = RouteAudit.pathParameter("name");
    private final Environments environments;
    private final ServiceParts parts;
    private final Json json;

    /** The answer to a removal. */
    record Removed(boolean success, String removed) {
    }

    public EnvironmentsService(Environments environments, ServiceParts parts) {
        this.environments = environments;
        this.parts = parts;
        this.json = parts.json();
    }

    @Override
    public void routing(HttpRules rules) {
        AuditLog audit = parts.audit();
        parts.routes(rules)
                .get("/environments", Access.READ, (req, res, who) -> json.ok(res, ListBody.of(
                        environments.list().stream().map(v -> shown(v, who)).toList())))
                .post("/environments", Access.ADMIN, audit.route("environment.add"), (req, res, who) -> {
                    EnvironmentRequest body = json.read(req, EnvironmentRequest.class);
                    String target = named(req, printable(body.name()));
                    EnvironmentView added = environments.add(body, who.username());
                    audit.success(req, who, "environment.add", target);
                    json.created(res, DataBody.of(added));
                })
                .post("/environments/test", Access.ADMIN, (req, res, who) -> json.ok(res,
                        DataBody.of(environments.test(json.read(req, EnvironmentRequest.class)))))
                .get("/environments/{name}", Access.READ, (req, res, who) -> json.ok(res,
                        DataBody.of(shown(environments.one(name(req)), who))))
                .post("/environments/{name}/test", Access.ADMIN, (req, res, who) -> json.ok(res,
                        DataBody.of(environments.check(name(req)))))
                .patch("/environments/{name}", Access.ADMIN,
                        audit.route("environment.rename", PATH_NAME), (req, res, who) -> {
                            RenameRequest body = json.read(req, RenameRequest.class);
                            String target = named(req, printable(name(req) + " -> " + body.name()));
                            EnvironmentView renamed = environments.rename(name(req), body.name());
                            audit.success(req, who, "environment.rename", target);
                            json.ok(res, DataBody.of(renamed));
                        })
                .delete("/environments/{name}", Access.ADMIN,
                        audit.route("environment.remove", PATH_NAME), (req, res, who) -> {
                            environments.remove(name(req));
                            audit.success(req, who, "environment.remove", PATH_NAME.apply(req));
                            json.ok(res, new Removed(true, name(req)));
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

    /** Names the request's audit target once the body is read, and returns it for the success record. */
    private static String named(ServerRequest req, String target) {
        AuditLog.target(req, target);
        return target;
    }

    /** An audit target as the caller wrote it, made safe for the log. */
    private static String printable(String target) {
        return Printable.of(String.valueOf(target), 100);
    }
}
