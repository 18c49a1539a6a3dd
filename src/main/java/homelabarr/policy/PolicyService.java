package homelabarr.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import homelabarr.audit.AuditLog;
import homelabarr.audit.ServiceParts;
import homelabarr.http.Access;
import homelabarr.http.ClientAddress;
import homelabarr.http.Json;
import homelabarr.http.Principal;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/** {@code /settings/deploy-policy}: anyone signed in may read what is allowed; only an admin may change it. */
public final class PolicyService implements HttpService {
    /** The rules no setting changes, as the API states them. */
    static final List<String> FIXED_RULES = List.of(
            "no Docker or other socket, and no system folder (/, /etc, /proc, /sys, /dev, /boot, /root, /run, "
                    + "/usr, /var/lib/docker ...) nor a folder that holds one, is mounted; links are followed",
            "bind mounts only under allowedBindRoots",
            "no privileged mode, no host PID, IPC or user namespace, no other container's namespaces",
            "no uid or gid 0 (user:, PUID/PGID and the like, group_add)",
            "no security options but no-new-privileges (no seccomp/apparmor unconfined, no label:disable)",
            "capabilities, devices, sysctls and the host network only as allowed below",
            "no volume of another app, no volume driver but local");

    record Body(boolean success, PolicySettings data, List<String> fixedRules) {
    }

    /** A change: fields left out keep their current value. */
    record Update(List<String> allowedBindRoots, Boolean allowHostNetwork, List<String> allowedCapabilities,
                  List<String> allowedDevices, Boolean allowSysctls) {
        PolicySettings over(PolicySettings now) {
            return new PolicySettings(
                    allowedBindRoots != null ? allowedBindRoots : now.allowedBindRoots(),
                    allowHostNetwork != null ? allowHostNetwork : now.allowHostNetwork(),
                    allowedCapabilities != null ? allowedCapabilities : now.allowedCapabilities(),
                    allowedDevices != null ? allowedDevices : now.allowedDevices(),
                    allowSysctls != null ? allowSysctls : now.allowSysctls());
        }
    }

    private final DeployPolicy policy;
    private final ServiceParts parts;
    private final Json json;

    public PolicyService(DeployPolicy policy, ServiceParts parts) {
        this.policy = policy;
        this.parts = parts;
        this.json = parts.json();
    }

    @Override
    public void routing(HttpRules rules) {
        parts.routes(rules)
                .get("/settings/deploy-policy", Access.READ, (req, res, who) ->
                        json.ok(res, new Body(true, policy.settings(), FIXED_RULES)))
                .put("/settings/deploy-policy", Access.ADMIN,
                        parts.audit().route("settings.deploy-policy", req -> "deploy-policy"), this::save)
                .close();
    }

    /** The success record holds the settings as saved: what an admin opened up is worth seeing later. */
    private void save(ServerRequest req, ServerResponse res, Principal who) throws JsonProcessingException {
        Update update = json.read(req, Update.class);
        PolicySettings saved = policy.save(update.over(policy.settings()), who.username());
        parts.audit().record(who.username(), ClientAddress.of(req), "settings.deploy-policy", "deploy-policy",
                AuditLog.SUCCESS, json.mapper().writeValueAsString(saved));
        json.ok(res, new Body(true, saved, FIXED_RULES));
    }
}
