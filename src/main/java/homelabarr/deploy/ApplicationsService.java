package homelabarr.deploy;

import homelabarr.audit.AuditLog;
import homelabarr.audit.RouteAudit;
import homelabarr.audit.ServiceParts;
import homelabarr.catalog.AppId;
import homelabarr.catalog.AppPage;
import homelabarr.deploy.run.Undeployer;
import homelabarr.environments.EnvParam;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.Principal;
import homelabarr.http.QueryParams;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /applications/{id}}: the app as the catalog shows it (GET, public) and its removal from a Docker host
 * (DELETE), side by side. The page is the catalog's ({@link AppPage}); the removal is this feature's.
 */
final class ApplicationsService implements HttpService {
    private final AppPage page;
    private final PerEnvironment<EngineSteps> steps;
    private final ServiceParts parts;

    /** The answer to an undeploy: {@code success} is false when something could not be removed (see data). */
    record Undeployed(boolean success, Undeployer.Result data) {
    }

    ApplicationsService(AppPage page, PerEnvironment<EngineSteps> steps, ServiceParts parts) {
        this.page = page;
        this.steps = steps;
        this.parts = parts;
    }

    @Override
    public void routing(HttpRules rules) {
        parts.routes(rules)
                .get("/applications/{id}", Access.PUBLIC,
                        (req, res, who) -> page.send(req, res, req.path().pathParameters().get("id")))
                .delete("/applications/{id}", Access.WRITE,
                        parts.audit().route("app.undeploy", RouteAudit.pathParameter("id")), this::undeploy)
                .close();
    }

    /** The record of an undeploy is written before it is made (a full disk stops it), then completed. */
    private void undeploy(ServerRequest req, ServerResponse res, Principal who) {
        String appId = req.path().pathParameters().get("id");
        if (AppId.parse(appId).isEmpty()) {
            throw ApiException.notFound("Not deployed", "No app with this id");
        }
        EngineSteps on = steps.get(EnvParam.one(req));
        on.guard().requireManageableApp(who, appId);
        boolean removeVolumes = QueryParams.flag(req, "removeVolumes");
        AuditLog.Pending record = parts.audit().begin(req, who, "app.undeploy", where(appId, on.environment()));
        Undeployer.Result result = on.undeployer().undeploy(appId, removeVolumes);
        boolean clean = result.problems().isEmpty();
        record.complete(clean ? AuditLog.SUCCESS : AuditLog.FAILURE, clean ? null : String.join("; ", result.problems()));
        parts.json().ok(res, new Undeployed(clean, result));
    }

    /** An audit target: the app, and its environment when it is not the local one. */
    private static String where(String appId, String environment) {
        return Environments.LOCAL.equals(environment) ? appId : appId + " @" + environment;
    }
}
