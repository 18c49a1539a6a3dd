package homelabarr.deploy.run;

import homelabarr.deploy.plan.FolderRoots;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plan.ContainerSpec;
import homelabarr.deploy.plan.Plan.NetworkSpec;
import homelabarr.deploy.plan.Plan.VolumeSpec;

import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.docker.PublishedPort;
import homelabarr.host.Host;
import homelabarr.errors.Refused;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks made before anything is touched, each a 409 naming what is in the way: the app is already deployed,
 * a host port is taken (by a container or any program), a container name is in use, an external network or
 * volume is missing, a host path to mount is missing where no folder may be created. A redeploy may reuse the ports and
 * names of the app's own containers.
 */
public final class Preflight {
    private final Engine engine;
    private final Host host;
    private final BindFolders folders;

    public Preflight(Engine engine, Host host, BindFolders folders) {
        this.engine = engine;
        this.host = host;
        this.folders = folders;
    }

    public void check(Plan plan, boolean redeploy, FolderRoots roots) {
        List<ContainerSummary> all;
        try {
            all = engine.containers();
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.UNREACHABLE) {
                throw Refused.unavailable("Docker Engine unavailable", "Deployments need the Docker Engine, which "
                        + "does not answer; see GET /health");
            }
            throw e;
        }
        boolean deployed = all.stream().anyMatch(c -> ownedBy(c, plan.appId()));
        if (deployed && !redeploy) {
            throw Refused.conflict("Already deployed", plan.appId()
                    + " is already deployed; send \"redeploy\": true to replace it, or undeploy it first");
        }
        Map<String, String> portHolders = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (ContainerSummary c : all) {
            String name = c.name();
            boolean mine = ownedBy(c, plan.appId());
            if (!mine) {
                names.add(name);
            }
            for (PublishedPort p : c.ports()) {
                if (p.hostPort() != null) {
                    portHolders.putIfAbsent(p.hostPort() + "/" + p.protocol(), mine ? "" : name);
                }
            }
        }
        Set<String> listening = new HashSet<>();
        host.listeners(true).ifPresent(ls -> ls.forEach(l -> listening.add(l.port() + "/" + l.protocol())));
        Set<String> planned = new HashSet<>();
        for (ContainerSpec spec : plan.containers()) {
            if (names.contains(spec.name())) {
                throw Refused.conflict("Container name in use",
                        "A container named '" + spec.name() + "' already exists; remove or rename it first");
            }
            for (PortMapping p : spec.ports()) {
                if (p.hostPort() != null) {
                    checkPort(p, planned, portHolders, listening);
                }
            }
        }
        List<String> missing = folders.missing(plan, roots);
        if (!missing.isEmpty()) {
            throw Refused.conflict("Missing host path", String.join("; ", missing));
        }
        for (NetworkSpec n : plan.networks()) {
            if (n.external() && !networkExists(n.name())) {
                throw Refused.conflict("Missing network", "The external network '" + n.name() + "' does not exist");
            }
        }
        for (VolumeSpec v : plan.volumes()) {
            if (v.external() && !volumeExists(v.name())) {
                throw Refused.conflict("Missing volume", "The external volume '" + v.name() + "' does not exist");
            }
        }
    }

    private static void checkPort(PortMapping p, Set<String> planned, Map<String, String> holders, Set<String> listening) {
        String key = p.hostPort() + "/" + p.protocol();
        if (!planned.add(key)) {
            throw Refused.conflict("Port conflict", "Port " + key + " is published twice by this app");
        }
        String holder = holders.get(key);
        if (holder != null && holder.isEmpty()) {
            return; // held by this app's own running container, which a redeploy replaces
        }
        if (holder != null) {
            throw Refused.conflict("Port in use", "Port " + key + " is already used by container '" + holder
                    + "'; choose another port in the settings");
        }
        if (listening.contains(key)) {
            throw Refused.conflict("Port in use", "Port " + key
                    + " is already in use on the host by another program; choose another port in the settings");
        }
    }

    private static boolean ownedBy(ContainerSummary c, String appId) {
        return appId.equals(c.labels().get(Plan.LABEL_APP));
    }

    private boolean networkExists(String name) {
        return engine.network(name).isPresent();
    }

    private boolean volumeExists(String name) {
        return engine.volumeExists(name);
    }
}
