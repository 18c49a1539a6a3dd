package homelabarr.deploy;

import homelabarr.catalog.AppId;
import homelabarr.deploy.events.DeploymentId;
import homelabarr.deploy.events.Deployment;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.events.DeploymentStore;
import homelabarr.deploy.events.EventLog;
import homelabarr.deploy.events.ProgressStream;
import homelabarr.deploy.run.Undeployer;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.audit.AuditLog;
import homelabarr.environments.EnvParam;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
import homelabarr.docker.EngineException;
import homelabarr.http.Access;
import homelabarr.deploy.plan.DeployRefused;
import homelabarr.http.ApiException;
import homelabarr.http.Authenticator;
import homelabarr.http.ClientAddress;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Printable;
import homelabarr.http.Principal;
import homelabarr.http.QueryParams;
import homelabarr.http.Routes;
import homelabarr.http.SseStream;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Deploy, watch, list, cancel and undeploy: the routes of the deploy feature. Handlers parse, call, write. */
final class DeployService implements HttpService {
    private static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    private final Deployer deployer;
    private final DeploymentStore store;
    private final EventLog events;
    private final ProgressStream progress;
    private final PerEnvironment<EngineSteps> steps;
    private final Environments environments;
    private final AuditLog audit;
    private final Json json;
    private final Authenticator authenticator;
    /** The app's update state, added to the deployment detail (by the updates feature, which depends on this one). */
    private final Function<String, Object> updateOf;

    DeployService(Deployer deployer, DeploymentStore store, EventLog events, ProgressStream progress,
                  PerEnvironment<EngineSteps> steps, Environments environments, AuditLog audit, Json json,
                  Authenticator authenticator, Function<String, Object> updateOf) {
        this.updateOf = updateOf;
        this.steps = steps;
        this.environments = environments;
        this.deployer = deployer;
        this.store = store;
        this.events = events;
        this.progress = progress;
        this.audit = audit;
        this.json = json;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        new Routes(rules, authenticator)
                .post("/deploy", Access.WRITE, this::deploy)
                .get("/stream/progress", Access.PUBLIC, (req, res, who) -> stream(req, res))
                .get("/deployments", Access.READ, (req, res, who) -> list(req, res))
                .get("/deployments/{id}", Access.READ, (req, res, who) -> json.ok(res, Map.of("success", true,
                        "data", detail(found(req.path().pathParameters().get("id"))))))
                .delete("/deployments/{id}", Access.WRITE, this::cancel)
                .delete("/applications/{id}", Access.WRITE, this::undeploy)
                .close();
    }

    private void deploy(ServerRequest req, ServerResponse res, Principal who) {
        String target = null;
        try {
            String environment = EnvParam.one(req);
            DeployRequest body = json.read(req, DeployRequest.class);
            target = body.appId() == null ? null : Printable.of(body.appId(), 100);
            Deployer.Accepted accepted = answered(() -> deployer.deploy(body, environment, who, ClientAddress.of(req)));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", true);
            answer.put("deploymentId", accepted.deploymentId());
            answer.put("appId", accepted.appId());
            answer.put("status", accepted.status());
            answer.put("streamUrl", "/stream/progress?deploymentId=" + accepted.deploymentId());
            answer.put("deploymentUrl", "/deployments/" + accepted.deploymentId());
            answer.put("risks", accepted.risks());
            answer.put("environment", environment);
            json.send(res, 202, answer);
        } catch (ApiException e) {
            audit.failure(req, who.username(), "deploy", target, e.error() + ": " + e.details());
            throw e;
        } catch (EngineException e) {
            audit.failure(req, who.username(), "deploy", target, engineFailure(e));
            throw e;
        }
    }

    private void stream(ServerRequest req, ServerResponse res) throws InterruptedException {
        String id = QueryParams.text(req, "deploymentId")
                .orElseThrow(() -> ApiException.invalidField("deploymentId", "is required"));
        found(id);
        long last = req.headers().first(LAST_EVENT_ID).map(String::strip)
                .filter(v -> !v.isEmpty()).map(DeployService::seq)
                .orElseGet(() -> QueryParams.number(req, "lastEventId", 0, 0, Long.MAX_VALUE));
        try (SseStream sse = SseStream.open(res)) {
            progress.send(id, last, sse);
        } catch (IOException | UncheckedIOException e) {
            // the client went away: nothing to clean up, the deployment goes on without it
        }
    }

    private static long seq(String header) {
        try {
            return Math.max(0, Long.parseLong(header));
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("Last-Event-ID", "must be an event id (a number)");
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        String status = QueryParams.text(req, "status").orElse(null);
        if (status != null) {
            try {
                DeploymentStatus.parse(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("status", "must be one of queued, pulling, creating, starting, "
                        + "verifying, succeeded, failed, rolled-back, cancelled, interrupted");
            }
        }
        int limit = (int) QueryParams.number(req, "limit", 50, 1, 500);
        String app = QueryParams.text(req, "app").or(() -> QueryParams.text(req, "appId")).orElse(null);
        String environment = EnvParam.list(req);
        if (!Environments.ALL.equals(environment)) {
            environments.target(environment);
        }
        List<Deployment> data = store.list(Environments.ALL.equals(environment) ? null : environment, app, status, limit);
        json.ok(res, ListBody.of(data));
    }

    private Deployment found(String id) {
        DeploymentId parsed = DeploymentId.parse(id)
                .orElseThrow(() -> ApiException.notFound("Unknown deployment", "No deployment with this id"));
        return store.find(parsed.value()).orElseThrow(() -> ApiException.notFound("Unknown deployment", "No deployment " + id));
    }

    private Map<String, Object> detail(Deployment d) {
        Map<String, Object> out = json.mapper().convertValue(d, json.mapper().getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
        List<JsonNode> list = events.after(d.id(), 0).stream().map(e -> {
            try {
                return json.mapper().readTree(e.data());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }).toList();
        out.put("update", updateOf.apply(d.appId()));
        out.put("events", list);
        return out;
    }

    /** The record of a cancel or undeploy is written before it is made (a full disk stops it), then completed. */
    private void cancel(ServerRequest req, ServerResponse res, Principal who) {
        String id = req.path().pathParameters().get("id");
        Deployment d;
        try {
            d = found(id);
        } catch (ApiException e) {
            audit.failure(req, who.username(), "deploy.cancel", Printable.of(id, 100), e.details());
            throw e;
        }
        AuditLog.Pending record = audit.begin(who.username(), ClientAddress.of(req), "deploy.cancel", d.appId() + " " + d.id());
        if (!deployer.cancel(d.id(), who.username())) {
            ApiException refused = ApiException.conflict("Not running", "Deployment " + d.id() + " already ended: " + d.status());
            record.complete(AuditLog.FAILURE, refused.details());
            throw refused;
        }
        record.complete(AuditLog.SUCCESS, null);
        json.send(res, 202, Map.of("success", true, "deploymentId", d.id(), "status", "cancelling"));
    }

    private void undeploy(ServerRequest req, ServerResponse res, Principal who) {
        String appId = req.path().pathParameters().get("id");
        AuditLog.Pending record = null;
        try {
            if (AppId.parse(appId).isEmpty()) {
                throw ApiException.notFound("Not deployed", "No app with this id");
            }
            EngineSteps on = steps.get(EnvParam.one(req));
            on.guard().requireManageableApp(who, appId);
            boolean removeVolumes = QueryParams.flag(req, "removeVolumes");
            record = audit.begin(who.username(), ClientAddress.of(req), "app.undeploy", where(appId, on.environment()));
            Undeployer.Result result = answered(() -> on.undeployer().undeploy(appId, removeVolumes));
            record.complete(result.problems().isEmpty() ? AuditLog.SUCCESS : AuditLog.FAILURE,
                    result.problems().isEmpty() ? null : String.join("; ", result.problems()));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", result.problems().isEmpty());
            answer.put("data", result);
            json.ok(res, answer);
        } catch (ApiException e) {
            undeployFailed(req, who, record, appId, e.details());
            throw e;
        } catch (EngineException e) {
            undeployFailed(req, who, record, appId, engineFailure(e));
            throw e;
        }
    }

    /** An audit target: the app, and its environment when it is not the local one. */
    private static String where(String appId, String environment) {
        return Environments.LOCAL.equals(environment) ? appId : appId + " @" + environment;
    }

    private void undeployFailed(ServerRequest req, Principal who, AuditLog.Pending record, String appId, String why) {
        if (record != null) {
            record.complete(AuditLog.FAILURE, why);
        } else {
            audit.failure(req, who.username(), "app.undeploy", Printable.of(appId, 100), why);
        }
    }

    /** The deploy feature's refusals, as the API answers them. */
    static <T> T answered(Supplier<T> call) {
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

    private static String engineFailure(EngineException e) {
        return e.kind() == EngineException.Kind.UNREACHABLE ? "The Docker Engine is not reachable"
                : "The Docker Engine could not " + e.action();
    }
}
