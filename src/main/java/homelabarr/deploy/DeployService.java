package homelabarr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.audit.AuditLog;
import homelabarr.audit.RouteAudit;
import homelabarr.audit.ServiceParts;
import homelabarr.deploy.events.Deployment;
import homelabarr.deploy.events.DeploymentId;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.events.DeploymentStore;
import homelabarr.deploy.events.EventLog;
import homelabarr.deploy.events.ProgressStream;
import homelabarr.environments.EnvParam;
import homelabarr.environments.Environments;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.ClientAddress;
import homelabarr.http.DataBody;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Printable;
import homelabarr.http.Principal;
import homelabarr.http.QueryParams;
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

/** Deploy, watch, list and cancel: the routes of the deploy feature. Handlers parse, call, write. */
final class DeployService implements HttpService {
    private static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    private final Deployer deployer;
    private final DeploymentStore store;
    private final EventLog events;
    private final ProgressStream progress;
    private final Environments environments;
    private final ServiceParts parts;
    private final Json json;
    /** The app's update state, added to the deployment detail (by the updates feature, which depends on this one). */
    private final Function<String, Object> updateOf;

    /** The answer to an accepted deploy: where to follow it. */
    record Accepted(boolean success, String deploymentId, String appId, String status, String streamUrl,
                    String deploymentUrl, List<String> risks, String environment) {
    }

    /** The answer to a cancel that was sent to the running deployment. */
    record Cancelling(boolean success, String deploymentId, String status) {
    }

    DeployService(Deployer deployer, DeploymentStore store, EventLog events, ProgressStream progress,
                  Environments environments, ServiceParts parts, Function<String, Object> updateOf) {
        this.deployer = deployer;
        this.store = store;
        this.events = events;
        this.progress = progress;
        this.environments = environments;
        this.parts = parts;
        this.json = parts.json();
        this.updateOf = updateOf;
    }

    @Override
    public void routing(HttpRules rules) {
        AuditLog audit = parts.audit();
        parts.routes(rules)
                .post("/deploy", Access.WRITE, audit.route("deploy"), this::deploy)
                .get("/stream/progress", Access.PUBLIC, (req, res, who) -> stream(req, res))
                .get("/deployments", Access.READ, (req, res, who) -> list(req, res))
                .get("/deployments/{id}", Access.READ, (req, res, who) -> json.ok(res,
                        DataBody.of(detail(found(req.path().pathParameters().get("id"))))))
                .delete("/deployments/{id}", Access.WRITE, audit.route("deploy.cancel", RouteAudit.pathParameter("id")),
                        this::cancel)
                .close();
    }

    /** The outcome is recorded when the deployment ends; a refusal here by the route's audit. */
    private void deploy(ServerRequest req, ServerResponse res, Principal who) {
        String environment = EnvParam.one(req);
        DeployRequest body = json.read(req, DeployRequest.class);
        AuditLog.target(req, body.appId() == null ? null : Printable.of(body.appId(), 100));
        Deployer.Accepted accepted = deployer.deploy(body, environment, who, ClientAddress.of(req));
        json.send(res, 202, new Accepted(true, accepted.deploymentId(), accepted.appId(), accepted.status(),
                "/stream/progress?deploymentId=" + accepted.deploymentId(), "/deployments/" + accepted.deploymentId(),
                accepted.risks(), environment));
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

    /**
     * The stored deployment with its update state and events. A map, not a record: the deployment's own fields stay
     * at the top level, and {@code update} is written even when null, as the answer always had it.
     */
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

    /** The record of a cancel is written before it is made (a full disk stops it), then completed. */
    private void cancel(ServerRequest req, ServerResponse res, Principal who) {
        Deployment d = found(req.path().pathParameters().get("id"));
        AuditLog.Pending record = parts.audit().begin(req, who, "deploy.cancel", d.appId() + " " + d.id());
        if (!deployer.cancel(d.id(), who.username())) {
            throw ApiException.conflict("Not running", "Deployment " + d.id() + " already ended: " + d.status());
        }
        record.complete(AuditLog.SUCCESS, null);
        json.send(res, 202, new Cancelling(true, d.id(), "cancelling"));
    }
}
