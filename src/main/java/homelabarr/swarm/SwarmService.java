package homelabarr.swarm;

import homelabarr.audit.AuditLog;
import homelabarr.catalog.AppId;
import homelabarr.deploy.plan.DeployRefused;
import homelabarr.docker.EngineException;
import homelabarr.docker.SwarmEngine;
import homelabarr.environments.EnvParam;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.Authenticator;
import homelabarr.http.ClientAddress;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Principal;
import homelabarr.http.Printable;
import homelabarr.http.QueryParams;
import homelabarr.http.Routes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;
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
    private final AuditLog audit;
    private final Json json;
    private final Authenticator authenticator;

    /** The body of a scale request. */
    record ScaleRequest(Integer replicas) {
    }

    SwarmService(PerEnvironment<SwarmTarget> targets, StackDeployer deployer, AuditLog audit, Json json,
                 Authenticator authenticator) {
        this.targets = targets;
        this.deployer = deployer;
        this.audit = audit;
        this.json = json;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        new Routes(rules, authenticator)
                .get("/swarm/nodes", Access.READ, (req, res, who) -> {
                    SwarmTarget on = target(req);
                    json.ok(res, Map.of("success", true, "data", manager(on, on.engine()::nodes)));
                })
                .post("/swarm/deploy", Access.WRITE, this::deploy)
                .get("/swarm/stacks", Access.READ, (req, res, who) -> {
                    SwarmTarget on = target(req);
                    json.ok(res, ListBody.of(manager(on, on.stacks()::all)));
                })
                .get("/swarm/stacks/{app}", Access.READ, (req, res, who) -> {
                    SwarmTarget on = target(req);
                    json.ok(res, Map.of("success", true, "data", manager(on, () -> on.stacks().view(app(req),
                            QueryParams.flag(req, "history")))));
                })
                .post("/swarm/stacks/{app}/services/{service}/scale", Access.WRITE, this::scale)
                .delete("/swarm/stacks/{app}", Access.WRITE, this::remove)
                .close();
    }

    private void deploy(ServerRequest req, ServerResponse res, Principal who) {
        String target = null;
        try {
            SwarmTarget on = target(req);
            StackRequest body = json.read(req, StackRequest.class);
            target = body.appId() == null ? null : where(Printable.of(body.appId(), 100), on.environment());
            StackDeployer.Accepted accepted = manager(on, () -> answered(() -> deployer.deploy(body, on, who,
                    ClientAddress.of(req))));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", true);
            answer.put("deploymentId", accepted.deploymentId());
            answer.put("appId", accepted.appId());
            answer.put("stack", accepted.appId());
            answer.put("status", accepted.status());
            answer.put("streamUrl", "/stream/progress?deploymentId=" + accepted.deploymentId());
            answer.put("deploymentUrl", "/deployments/" + accepted.deploymentId());
            answer.put("stackUrl", "/swarm/stacks/" + accepted.appId()
                    + (Environments.LOCAL.equals(on.environment()) ? "" : "?env=" + on.environment()));
            answer.put("risks", accepted.risks());
            answer.put("environment", on.environment());
            json.send(res, 202, answer);
        } catch (ApiException e) {
            audit.failure(req, who.username(), "swarm.deploy", target, e.error() + ": " + e.details());
            throw e;
        } catch (EngineException e) {
            audit.failure(req, who.username(), "swarm.deploy", target, engineFailure(e));
            throw e;
        }
    }

    private void scale(ServerRequest req, ServerResponse res, Principal who) {
        String service = req.path().pathParameters().get("service");
        String target = Printable.of(req.path().pathParameters().get("app"), 130) + " " + Printable.of(service, 70);
        try {
            SwarmTarget on = target(req);
            String app = app(req);
            target = where(app + " " + Printable.of(service, 70), on.environment());
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
            audit.record(who.username(), ClientAddress.of(req), "swarm.scale", target, AuditLog.SUCCESS,
                    "to " + body.replicas() + " replica(s)");
            json.send(res, 202, Map.of("success", true, "stack", app, "service", service, "replicas", body.replicas(),
                    "environment", on.environment()));
        } catch (ApiException e) {
            audit.failure(req, who.username(), "swarm.scale", target, e.error() + ": " + e.details());
            throw e;
        } catch (EngineException e) {
            audit.failure(req, who.username(), "swarm.scale", target, engineFailure(e));
            throw e;
        }
    }

    private void remove(ServerRequest req, ServerResponse res, Principal who) {
        String target = Printable.of(req.path().pathParameters().get("app"), 130);
        try {
            SwarmTarget on = target(req);
            target = where(target, on.environment());
            Stacks.Removed removed = manager(on, () -> on.stacks().remove(who, app(req)));
            audit.record(who.username(), ClientAddress.of(req), "swarm.undeploy", target,
                    removed.problems().isEmpty() ? AuditLog.SUCCESS : AuditLog.FAILURE,
                    removed.problems().isEmpty() ? null : String.join("; ", removed.problems()));
            json.ok(res, Map.of("success", removed.problems().isEmpty(), "data", removed));
        } catch (ApiException e) {
            audit.failure(req, who.username(), "swarm.undeploy", target, e.error() + ": " + e.details());
            throw e;
        } catch (EngineException e) {
            audit.failure(req, who.username(), "swarm.undeploy", target, engineFailure(e));
            throw e;
        }
    }

    private static String app(ServerRequest req) {
        String app = req.path().pathParameters().get("app");
        if (AppId.parse(app).isEmpty()) {
            throw ApiException.notFound("Not deployed", "No stack with this name");
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
            throw ApiException.conflict("Not a swarm manager", "The Docker Engine of environment " + on.environment()
                    + " is not a manager of a swarm (swarm state: " + state.localState() + "). Run docker swarm init on "
                    + "it, or target a manager with ?env=");
        }
        return call.get();
    }

    private static String engineFailure(EngineException e) {
        return e.kind() == EngineException.Kind.UNREACHABLE ? "The Docker Engine is not reachable"
                : "The Docker Engine could not " + e.action();
    }

    private static <T> T answered(Supplier<T> call) {
        try {
            return call.get();
        } catch (DeployRefused r) {
            throw ApiException.of(switch (r.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case UNAVAILABLE -> 503;
            }, r.error(), r.details());
        }
    }
}
