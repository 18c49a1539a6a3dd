package homelabarr.ports;

import homelabarr.docker.Engine;
import homelabarr.host.Host;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import homelabarr.http.QueryParams;
import homelabarr.http.Routes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /ports/check} and {@code GET /ports/available}: public, as the contract marks them. */
public final class PortsService implements HttpService {
    private final PortsInUse ports;
    private final Json json;
    private final Authenticator authenticator;

    public PortsService(Engine engine, Host host, Json json, Authenticator authenticator) {
        this.ports = new PortsInUse(engine, host);
        this.json = json;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        new Routes(rules, authenticator)
                .get("/ports/check", Access.PUBLIC, (req, res, who) -> {
                    PortsInUse.Snapshot now = ports.now();
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("success", true);
                    body.put("usedPorts", now.numbers());
                    body.put("ports", now.ports());
                    body.put("hostPortsVisible", now.hostVisible());
                    json.ok(res, body);
                })
                .get("/ports/available", Access.PUBLIC, (req, res, who) -> {
                    PortRange range = PortRange.of(QueryParams.text(req, "start"), QueryParams.text(req, "end"));
                    int port = ports.now().firstFree(range).orElseThrow(() -> ApiException.notFound("No free port",
                            "Every port from " + range.start() + " to " + range.end() + " is in use"));
                    json.ok(res, Map.of("success", true, "port", port));
                })
                .close();
    }
}
