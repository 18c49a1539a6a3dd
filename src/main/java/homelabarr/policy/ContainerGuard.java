package homelabarr.policy;

import homelabarr.docker.ContainerSecurity;
import homelabarr.docker.Engine;
import homelabarr.host.Host;
import homelabarr.errors.Refused;
import homelabarr.http.Principal;

import java.util.List;

/**
 * Non-admins may start, stop, restart and remove only containers HomelabARR manages and that they could have
 * deployed themselves: judged on the live container, so an app an admin deployed with host-level settings stays
 * the admin's.
 */
public final class ContainerGuard {
    /** The label every container HomelabARR creates carries (see design.md §4). */
    public static final String APP_LABEL = "homelabarr.app";
    private final Engine engine;
    private final DeployPolicy policy;
    private final Host host;

    public ContainerGuard(Engine engine, DeployPolicy policy) {
        this(engine, policy, null);
    }

    /** For one environment: its engine, and its host, on which bind sources are judged (null: the policy's own). */
    public ContainerGuard(Engine engine, DeployPolicy policy, Host host) {
        this.engine = engine;
        this.policy = policy;
        this.host = host;
    }

    public void requireManageable(Principal who, String containerId) {
        if (who.isAdmin()) {
            return;
        }
        ContainerSecurity c = engine.security(containerId);
        if (!c.labels().containsKey(APP_LABEL)) {
            throw Refused.forbidden("Forbidden", c.name() + " was not created by HomelabARR: only an admin may manage it");
        }
        authorize(who, List.of(Workloads.of(c)), "manage " + c.name());
    }

    /** Every container of {@code appId}, as running now, must be one the caller could have deployed. */
    public void requireManageableApp(Principal who, String appId) {
        if (who.isAdmin()) {
            return;
        }
        List<Workload> workloads = engine.containers(APP_LABEL, appId).stream()
                .map(c -> engine.security(c.id())).map(Workloads::of).toList();
        authorize(who, workloads, "remove " + appId);
    }

    private void authorize(Principal who, List<Workload> workloads, String what) {
        if (host == null) {
            policy.authorize(who, workloads, what);
        } else {
            policy.authorize(who, workloads, what, host);
        }
    }
}
