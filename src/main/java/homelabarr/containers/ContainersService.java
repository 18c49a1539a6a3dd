package homelabarr.containers;

import homelabarr.audit.AuditLog;
import homelabarr.docker.ContainerRef;
import homelabarr.http.Access;
import homelabarr.environments.EnvParam;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
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
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;

/** The {@code /containers} routes and {@code /stream/stats}. Reads need READ, actions WRITE (not viewers). */
final class ContainersService implements HttpService {
    private static final int MAX_STOP_TIMEOUT = 600;
    private static final int DEFAULT_STOP_TIMEOUT = 10;

    private final PerEnvironment<ContainerParts> parts;
    private final AcrossEnvironments across;
    private final AuditLog audit;
    private final Json json;
    private final Authenticator authenticator;
    private final CountDownLatch shutdown;

    ContainersService(Environments environments, PerEnvironment<ContainerParts> parts, AuditLog audit, Json json,
                      Authenticator authenticator, CountDownLatch shutdown) {
        this.parts = parts;
        this.across = new AcrossEnvironments(environments, parts);
        this.audit = audit;
        this.json = json;
        this.authenticator = authenticator;
        this.shutdown = shutdown;
    }

    @Override
    public void routing(HttpRules rules) {
        new Routes(rules, authenticator)
                .get("/containers", Access.READ, (req, res, who) -> list(req, res))
                .get("/containers/{id}", Access.READ, (req, res, who) -> json.ok(res, Map.of("success", true,
                        "data", in(req).listing().one(container(req), QueryParams.flag(req, "stats")))))
                .get("/containers/{id}/stats", Access.READ, (req, res, who) -> json.ok(res, Map.of("success", true,
                        "data", in(req).listing().statsOf(container(req)))))
                .get("/containers/{id}/logs", Access.READ, this::logs)
                .post("/containers/{id}/start", Access.WRITE, (req, res, who) -> act(req, res, who, "start",
                        c -> in(req).actions().start(c)))
                .post("/containers/{id}/stop", Access.WRITE, (req, res, who) -> {
                    int timeout = stopTimeout(req, who, "stop");
                    act(req, res, who, "stop", c -> in(req).actions().stop(c, timeout));
                })
                .post("/containers/{id}/restart", Access.WRITE, (req, res, who) -> {
                    int timeout = stopTimeout(req, who, "restart");
                    act(req, res, who, "restart", c -> in(req).actions().restart(c, timeout));
                })
                .delete("/containers/{id}", Access.WRITE, (req, res, who) -> {
                    boolean force = audited(req, who, "remove", () -> QueryParams.flag(req, "force"));
                    boolean volumes = audited(req, who, "remove", () -> QueryParams.flag(req, "volumes"));
                    act(req, res, who, "remove", c -> in(req).actions().remove(c, force, volumes));
                })
                .get("/stream/stats", Access.READ, (req, res, who) -> in(req).statsStream().serve(res))
                .close();
    }

    private void list(ServerRequest req, ServerResponse res) {
        String env = EnvParam.list(req);
        ListFilter filter = ListFilter.parse(req);
        boolean stats = QueryParams.flag(req, "stats");
        if (Environments.ALL.equals(env)) {
            json.ok(res, across.list(filter, stats));
        } else {
            json.ok(res, ListBody.of(parts.get(env).listing().list(filter, stats)));
        }
    }

    /** The feature's parts for the request's environment ({@code ?env}, default local; 404 when unknown). */
    private ContainerParts in(ServerRequest req) {
        return parts.get(EnvParam.one(req));
    }

    private ContainerRef container(ServerRequest req) {
        return in(req).lookup().resolve(req.path().pathParameters().get("id"));
    }

    private void logs(ServerRequest req, ServerResponse res, Principal who) throws Exception {
        LogQuery query = LogQuery.parse(req);
        ContainerLogs logs = in(req).logs();
        ContainerRef c = container(req);
        if (!query.follow()) {
            json.ok(res, ListBody.of(logs.read(c, query)));
            return;
        }
        SecretMask mask = logs.maskFor(c);
        try (SseStream sse = SseStream.open(res)) {
            sse.comment("connected");  // the tail may be empty: let the client see the 200 now
            logs.follow(c, query, mask, sse, shutdown);
        } catch (IOException e) {
            // the client left
        }
    }

    private int stopTimeout(ServerRequest req, Principal who, String action) {
        return audited(req, who, action, () -> (int) QueryParams.number(req, "timeout", DEFAULT_STOP_TIMEOUT, 0,
                MAX_STOP_TIMEOUT));
    }

    /**
     * Runs an action on the container the path names. Its audit record is written before the action (a full disk
     * stops it there) and completed with the outcome; a container that cannot be found is recorded as refused.
     */
    private void act(ServerRequest req, ServerResponse res, Principal who, String action,
                     Function<ContainerRef, ContainerActions.Result> run) {
        ContainerRef c = audited(req, who, action, () -> {
            ContainerRef found = container(req);
            in(req).guard().requireManageable(who, found.id());
            return found;
        });
        String env = EnvParam.one(req);
        // the audit target names the environment when it is not the local one (the same name may run on two hosts)
        String target = Environments.LOCAL.equals(env) ? c.name() : c.name() + " @" + env;
        AuditLog.Pending record = audit.begin(who.username(), ClientAddress.of(req), "container." + action, target);
        ContainerActions.Result result;
        try {
            result = run.apply(c);
        } catch (ApiException e) {
            record.complete(AuditLog.FAILURE, e.details());
            throw e;
        } catch (RuntimeException e) {
            record.complete(AuditLog.FAILURE, "internal error");
            throw e;
        }
        record.complete(AuditLog.SUCCESS, result.changed() ? null : "no change: the container was already " + result.state());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("action", action);
        body.put("id", result.id());
        body.put("name", result.name());
        body.put("changed", result.changed());
        body.put("state", result.state());
        json.ok(res, body);
    }

    private <T> T audited(ServerRequest req, Principal who, String action, Supplier<T> step) {
        try {
            return step.get();
        } catch (ApiException e) {
            audit.failure(req, who.username(), "container." + action, target(req), e.details());
            throw e;
        } catch (RuntimeException e) {
            audit.failure(req, who.username(), "container." + action, target(req), "internal error");
            throw e;
        }
    }

    /** The path's container reference as given, made safe for the audit log (it is attacker-controlled). */
    private static String target(ServerRequest req) {
        String raw = String.valueOf(req.path().pathParameters().first("id").orElse(""));
        String printable = Printable.of(raw, 80);
        return printable.isEmpty() ? "(none)" : printable;
    }
}
