package homelabarr.ports;

import homelabarr.audit.ServiceParts;
import homelabarr.environments.EnvParam;
import homelabarr.environments.Environments;
import homelabarr.environments.Target;
import homelabarr.http.Access;
import homelabarr.errors.Refused;
import homelabarr.http.Json;
import homelabarr.http.QueryParams;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /ports/check} and {@code GET /ports/available}: public, as the contract marks them; both about the
 * host of {@code ?env} (default local).
 */
public final class PortsService implements HttpService {
    private final Environments environments;
    private final Json json;
    private final ServiceParts parts;

    public PortsService(Environments environments, ServiceParts parts) {
        this.environments = environments;
        this.json = parts.json();
        this.parts = parts;
    }

    /** The host ports in use, and whether the host's own listeners could be seen (not only Docker's). */
    record InUse(boolean success, Set<Integer> usedPorts, List<UsedPort> ports, boolean hostPortsVisible, String environment) {
    }

    record Free(boolean success, int port) {
    }

    @Override
    public void routing(HttpRules rules) {
        parts.routes(rules)
                .get("/ports/check", Access.PUBLIC, (req, res, who) -> {
                    Target target = environments.target(EnvParam.one(req));
                    PortsInUse.Snapshot now = ports(target).now();
                    json.ok(res, new InUse(true, now.numbers(), now.ports(), now.hostVisible(), target.name()));
                })
                .get("/ports/available", Access.PUBLIC, (req, res, who) -> {
                    PortRange range = PortRange.of(QueryParams.text(req, "start"), QueryParams.text(req, "end"));
                    PortsInUse ports = ports(environments.target(EnvParam.one(req)));
                    int port = ports.now().firstFree(range).orElseThrow(() -> Refused.notFound("No free port",
                            "Every port from " + range.start() + " to " + range.end() + " is in use"));
                    json.ok(res, new Free(true, port));
                })
                .close();
    }

    /** The ports of one environment's host: cheap to make, its host keeps the short-lived cache of listeners. */
    private static PortsInUse ports(Target target) {
        return new PortsInUse(target.engine(), target.host());
    }
}
