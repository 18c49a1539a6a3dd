package homelabarr.swarm;

import homelabarr.audit.AuditLog;
import homelabarr.audit.ServiceParts;
import homelabarr.catalog.AppId;
import homelabarr.docker.SwarmEngine;
import homelabarr.environments.EnvParam;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
import homelabarr.errors.Refused;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.ClientAddress;
import homelabarr.http.DataBody;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Principal;
import homelabarr.http.Printable;
import homelabarr.http.QueryParams;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.function.Supplier;

/**
 * The swarm routes: deploy an app as a stack, show a stack's services, tasks and nodes, scale a service, remove
 * the stack, list the nodes; on the environment {@code ?env=} names ({@code local} by default, 404 for an unknown
 * one). Each first checks that the environment's engine is a swarm manager (409 otherwise).
 */
final class SwarmService implements HttpService {
    private static final String SERVICE = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}";
    private final PerEnvironment<SwarmTarget> targets;
    private final StackDeployer deployer;
    private final ServiceParts parts;
    private final Json json;

    /** The body of a scale request. */
    record ScaleRequest(Integer replicas) {
    }

    /** The answer to an accepted stack deploy: where to follow it, and where the stack will be shown. */
    record Accepted(boolean success, String deploymentId, String appId, String stack, String status, String streamUrl,
                    String deploymentUrl, String stackUrl, List<String> risks, String environment) {
    }

    /** The answer to a scale request Swarm accepted. */
    record Scaled(boolean success, String stack, String service, int replicas, String environment) {
    }

    SwarmService(PerEnvironment<SwarmTarget> targets, StackDeployer deployer, ServiceParts parts) {
        this.targets = targets;
        this.deployer = deployer;
        this.parts = parts;
        this.json = parts.json();
    }

    @Override
    public void routing(HttpRules rules) {
        AuditLog audit = parts.audit();
        parts.routes(rules)
                .get("/swarm/nodes", Access.READ, (req, res, who) -> {
                    SwarmTarget on = target(req);
                    json.ok(res, DataBody.of(manager(on, on.engine()::nodes)));
                })
                .post("/swarm/deploy", Access.WRITE, audit.route("swarm.deploy"), this::deploy)
                .get("/swarm/stacks", Access.READ, (req, res, who) -> {
                    SwarmTarget on = target(req);
                    json.ok(res, ListBody.of(manager(on, on.stacks()::all)));
                })
                .get("/swarm/stacks/{app}", Access.READ, (req, res, who) -> {
                    SwarmTarget on = target(req);
                    json.ok(res, DataBody.of(manager(on, () -> on.stacks().view(app(req),
                            QueryParams.flag(req, "history")))));
                })
                .post("/swarm/stacks/{app}/services/{service}/scale", Access.WRITE, audit.route("swarm.scale",
                        req -> Printable.of(req.path().pathParameters().get("app"), 130) + " "
                                + Printable.of(req.path().pathParameters().get("service"), 70)), this::scale)
                .delete("/swarm/stacks/{app}", Access.WRITE, audit.route("swarm.undeploy",
                        req -> Printable.of(req.path().pathParameters().get("app"), 130)), this::remove)
                .close();
    }

    /** The outcome is recorded when the deployment ends; a refusal here by the route's audit. */
    private void deploy(ServerRequest req, ServerResponse res, Principal who) {
        SwarmTarget on = target(req);
        StackRequest body = json.read(req, StackRequest.class);
        AuditLog.target(req, body.appId() == null ? null : where(Printable.of(body.appId(), 100), on.environment()));
        StackDeployer.Accepted accepted = manager(on, () -> deployer.deploy(body, on, who, ClientAddress.of(req)));
        String id = accepted.deploymentId();
        json.send(res, 202, new Accepted(true, id, accepted.appId(), accepted.appId(), accepted.status(),
                "/stream/progress?deploymentId=" + id, "/deployments/" + id, "/swarm/stacks/" + accepted.appId()
                + (Environments.LOCAL.equals(on.environment()) ? "" : "?env=" + on.environment()), accepted.risks(),
                on.environment()));
    }

    private void scale(ServerRequest req, ServerResponse res, Principal who) {
        String service = req.path().pathParameters().get("service");
        SwarmTarget on = target(req);
        String app = app(req);
        String target = where(app + " " + Printable.of(service, 70), on.environment());
        AuditLog.target(req, target);
        if (!service.matches(SERVICE)) {
            throw ApiException.notFound("Unknown service", "No service with this name");
        }
        ScaleRequest body = json.read(req, ScaleRequest.class);
        if (body.replicas() == null || body.replicas() < 0 || body.replicas() > 100) {
            throw ApiException.invalidField("replicas", "must be a whole number from 0 to 100");
        }
        manager(on, () -> {
            on.stacks().scale(who, app, service, body.replicas());
            return null;
        });
        parts.audit().record(who.username(), ClientAddress.of(req), "swarm.scale", target, AuditLog.SUCCESS,
                "to " + body.replicas() + " replica(s)");
        json.send(res, 202, new Scaled(true, app, service, body.replicas(), on.environment()));
    }

    private void remove(ServerRequest req, ServerResponse res, Principal who) {
        SwarmTarget on = target(req);
        String target = where(Printable.of(req.path().pathParameters().get("app"), 130), on.environment());
        AuditLog.target(req, target);
        Stacks.Removed removed = manager(on, () -> on.stacks().remove(who, app(req)));
        boolean clean = removed.problems().isEmpty();
        parts.audit().record(who.username(), ClientAddress.of(req), "swarm.undeploy", target,
                clean ? AuditLog.SUCCESS : AuditLog.FAILURE, clean ? null : String.join("; ", removed.problems()));
        json.ok(res, new DataBody(clean, removed));
    }

    private static String app(ServerRequest req) {
        String app = req.path().pathParameters().get("app");
        if (AppId.parse(app).isEmpty()) {
            throw Refused.notFound("Not deployed", "No stack with this name");
        }
        return app;
    }

    /** The environment {@code ?env=} names, local by default; 404 for an unknown one. */
    private SwarmTarget target(ServerRequest req) {
        return targets.get(EnvParam.one(req));
    }

    /** An audit target: the stack (and service), and its environment when it is not the local one. */
    static String where(String what, String environment) {
        return Environments.LOCAL.equals(environment) ? what : what + " @" + environment;
    }

    /** Swarm routes answer only when the environment's engine can manage a swarm. */
    private static <T> T manager(SwarmTarget on, Supplier<T> call) {
        SwarmEngine.SwarmState state = on.engine().state();
        if (!state.manager()) {
            throw Refused.conflict("Not a swarm manager", "The Docker Engine of environment " + on.environment()
                    + " is not a manager of a swarm (swarm state: " + state.localState() + "). Run docker swarm init on "
                    + "it, or target a manager with ?env=");
        }
        return call.get();
    }
}
