package homelabarr.containers;

import homelabarr.audit.AuditLog;
import homelabarr.audit.RouteAudit;
import homelabarr.audit.ServiceParts;
import homelabarr.docker.ContainerRef;
import homelabarr.http.Access;
import homelabarr.http.DataBody;
import homelabarr.environments.EnvParam;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Principal;
import homelabarr.http.QueryParams;
import homelabarr.http.SseStream;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** The {@code /containers} routes and {@code /stream/stats}. Reads need READ, actions WRITE (not viewers). */
final class ContainersService implements HttpService {
    private static final int MAX_STOP_TIMEOUT = 600;
    private static final int DEFAULT_STOP_TIMEOUT = 10;

    private final PerEnvironment<ContainerParts> engines;
    private final AcrossEnvironments across;
    private final ServiceParts parts;
    private final Json json;
    private final CountDownLatch shutdown;

    /** The answer to a container action: what it was done to, and whether anything changed. */
    record ActionDone(boolean success, String action, String id, String name, boolean changed, String state) {
    }

    ContainersService(Environments environments, PerEnvironment<ContainerParts> engines, ServiceParts parts,
                      CountDownLatch shutdown) {
        this.engines = engines;
        this.across = new AcrossEnvironments(environments, engines);
        this.parts = parts;
        this.json = parts.json();
        this.shutdown = shutdown;
    }

    @Override
    public void routing(HttpRules rules) {
        parts.routes(rules)
                .get("/containers", Access.READ, (req, res, who) -> list(req, res))
                .get("/containers/{id}", Access.READ, (req, res, who) -> json.ok(res,
                        DataBody.of(in(req).listing().one(container(req), QueryParams.flag(req, "stats")))))
                .get("/containers/{id}/stats", Access.READ, (req, res, who) -> json.ok(res,
                        DataBody.of(in(req).listing().statsOf(container(req)))))
                .get("/containers/{id}/logs", Access.READ, this::logs)
                .post("/containers/{id}/start", Access.WRITE, audited("start"), (req, res, who) -> act(req, res, who,
                        "start", c -> in(req).actions().start(c)))
                .post("/containers/{id}/stop", Access.WRITE, audited("stop"), (req, res, who) -> {
                    int timeout = stopTimeout(req);
                    act(req, res, who, "stop", c -> in(req).actions().stop(c, timeout));
                })
                .post("/containers/{id}/restart", Access.WRITE, audited("restart"), (req, res, who) -> {
                    int timeout = stopTimeout(req);
                    act(req, res, who, "restart", c -> in(req).actions().restart(c, timeout));
                })
                .delete("/containers/{id}", Access.WRITE, audited("remove"), (req, res, who) -> {
                    boolean force = QueryParams.flag(req, "force");
                    boolean volumes = QueryParams.flag(req, "volumes");
                    act(req, res, who, "remove", c -> in(req).actions().remove(c, force, volumes));
                })
                .get("/stream/stats", Access.READ, (req, res, who) -> in(req).statsStream().serve(res))
                .close();
    }

    /** A container action's audit: refused or failed actions name the container as the path gave it. */
    private RouteAudit audited(String action) {
        return parts.audit().route("container." + action, RouteAudit.pathParameter("id"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        String env = EnvParam.list(req);
        ListFilter filter = ListFilter.parse(req);
        boolean stats = QueryParams.flag(req, "stats");
        if (Environments.ALL.equals(env)) {
            json.ok(res, across.list(filter, stats));
        } else {
            json.ok(res, ListBody.of(engines.get(env).listing().list(filter, stats)));
        }
    }

    /** The feature's parts for the request's environment ({@code ?env}, default local; 404 when unknown). */
    private ContainerParts in(ServerRequest req) {
        return engines.get(EnvParam.one(req));
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

    private static int stopTimeout(ServerRequest req) {
        return (int) QueryParams.number(req, "timeout", DEFAULT_STOP_TIMEOUT, 0, MAX_STOP_TIMEOUT);
    }

    /**
     * Runs an action on the container the path names. Its audit record is written before the action (a full disk
     * stops it there) and completed with the outcome; a failure either side is the route audit's to record.
     */
    private void act(ServerRequest req, ServerResponse res, Principal who, String action,
                     Function<ContainerRef, ContainerActions.Result> run) {
        ContainerRef c = container(req);
        in(req).guard().requireManageable(who, c.id());
        String env = EnvParam.one(req);
        // the audit target names the environment when it is not the local one (the same name may run on two hosts)
        String target = Environments.LOCAL.equals(env) ? c.name() : c.name() + " @" + env;
        AuditLog.Pending record = parts.audit().begin(req, who, "container." + action, target);
        ContainerActions.Result result = run.apply(c);
        record.complete(AuditLog.SUCCESS, result.changed() ? null : "no change: the container was already " + result.state());
        json.ok(res, new ActionDone(true, action, result.id(), result.name(), result.changed(), result.state()));
    }
}
