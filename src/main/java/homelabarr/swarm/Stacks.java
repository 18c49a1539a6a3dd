package homelabarr.swarm;

import homelabarr.docker.EngineException;
import homelabarr.docker.SwarmEngine;
import homelabarr.docker.SwarmEngine.PublishedPort;
import homelabarr.docker.SwarmEngine.StackService;
import homelabarr.docker.SwarmEngine.SwarmNode;
import homelabarr.docker.SwarmEngine.SwarmTask;
import homelabarr.errors.Refused;
import homelabarr.http.Principal;
import homelabarr.policy.DeployPolicy;
import homelabarr.policy.Workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A deployed stack: its services with their tasks and nodes, scaling one service, removing the whole stack. */
final class Stacks {
    static final String APP_LABEL = "homelabarr.app";
    private final SwarmEngine engine;
    private final DeployPolicy policy;
    private final Map<String, String> busy;

    /** One service of a stack; the environment is never part of it (it holds the app's secrets). */
    record ServiceView(String service, String name, String image, Integer replicas, long running, String updateState,
                       String updateMessage, List<PublishedPort> ports, List<TaskView> tasks) {
    }

    /** {@code node}: the node's hostname; {@code nodeId}: Swarm's id for it. */
    record TaskView(String id, Integer slot, String node, String nodeId, String state, String desiredState, String message,
                    String error, String timestamp) {
    }

    record StackView(String app, List<ServiceView> services) {
    }

    record Removed(String app, List<String> services, List<String> networks, List<String> problems) {
    }

    Stacks(SwarmEngine engine, DeployPolicy policy, Map<String, String> busy) {
        this.engine = engine;
        this.policy = policy;
        this.busy = busy;
    }

    /** {@code history}: also the tasks that ended (Swarm keeps a few per slot), not only those meant to run. */
    StackView view(String app, boolean history) {
        List<StackService> services = services(app);
        return view(app, services, engine.tasks(services.stream().map(StackService::id).toList()), hostnames(), history);
    }

    /**
     * Every stack HomelabARR deployed on this swarm (its services carry the stack's and the app's labels), by name,
     * with the tasks meant to run: three engine calls however many stacks there are.
     */
    List<StackView> all() {
        Map<String, List<StackService>> stacks = engine.services().stream()
                .filter(s -> s.labels().containsKey(StackSpecs.NAMESPACE) && s.labels().containsKey(APP_LABEL))
                .collect(Collectors.groupingBy(s -> s.labels().get(StackSpecs.NAMESPACE), TreeMap::new, Collectors.toList()));
        if (stacks.isEmpty()) {
            return List.of();
        }
        List<SwarmTask> tasks = engine.tasks(stacks.values().stream().flatMap(List::stream).map(StackService::id).toList());
        Map<String, String> hostnames = hostnames();
        return stacks.entrySet().stream().map(e -> view(e.getKey(), e.getValue(), tasks, hostnames, false)).toList();
    }

    private Map<String, String> hostnames() {
        return engine.nodes().stream()
                .collect(Collectors.toMap(SwarmNode::id, n -> n.hostname() == null ? n.id() : n.hostname(), (a, b) -> a));
    }

    private static StackView view(String app, List<StackService> services, List<SwarmTask> tasks,
                                  Map<String, String> hostnames, boolean history) {
        List<ServiceView> out = new ArrayList<>();
        for (StackService s : services) {
            List<TaskView> mine = tasks.stream().filter(t -> t.serviceId().equals(s.id()))
                    .filter(t -> history || "running".equals(t.desiredState()))
                    .sorted(Comparator.comparing((SwarmTask t) -> t.slot() == null ? 0 : t.slot())
                            .thenComparing(t -> t.timestamp() == null ? "" : t.timestamp(), Comparator.reverseOrder()))
                    .map(t -> new TaskView(t.id(), t.slot(), t.nodeId() == null ? null : hostnames.getOrDefault(t.nodeId(),
                            t.nodeId()), t.nodeId(), t.state(), t.desiredState(), t.message(), t.error(), t.timestamp()))
                    .toList();
            long running = mine.stream().filter(t -> "running".equals(t.state()) && "running".equals(t.desiredState())).count();
            out.add(new ServiceView(StackRollout.composeName(app, s.name()), s.name(), s.image(), s.replicas(), running,
                    s.updateState(), s.updateMessage(), s.ports(), mine));
        }
        out.sort(Comparator.comparing(ServiceView::name));
        return new StackView(app, out);
    }

    void scale(Principal who, String app, String service, int replicas) {
        List<StackService> services = services(app);
        StackService target = services.stream().filter(s -> s.name().equals(StackSpecs.serviceName(app, service)))
                .findFirst().orElseThrow(() -> Refused.notFound("Unknown service", "The stack " + app
                        + " has no service '" + service + "'"));
        requireManageable(who, app, List.of(target), "scale " + target.name());
        engine.scale(target.id(), replicas);
    }

    Removed remove(Principal who, String app) {
        List<StackService> services = services(app);
        requireManageable(who, app, services, "remove the stack " + app);
        String token = "remove-" + app;
        if (busy.putIfAbsent(app, token) != null) {
            throw Refused.conflict("Deployment in progress", app + " is being deployed or removed right now");
        }
        try {
            List<String> problems = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (StackService s : services) {
                try {
                    engine.remove(s.id());
                    removed.add(s.name());
                } catch (EngineException e) {
                    problems.add("service " + s.name() + ": " + e.maskedMessage());
                }
            }
            List<String> networks = engine.networks(StackSpecs.NAMESPACE, app);
            List<String> left = StackCleanup.removeNetworks(engine, networks, (step, s, message) -> { });
            left.forEach(n -> problems.add("network " + n + " is still in use"));
            List<String> gone = networks.stream().filter(n -> !left.contains(n)).toList();
            return new Removed(app, removed, gone, problems);
        } finally {
            busy.remove(app, token);
        }
    }

    private List<StackService> services(String app) {
        List<StackService> services = engine.services(StackSpecs.NAMESPACE, app);
        if (services.isEmpty()) {
            throw Refused.notFound("Not deployed", "No stack " + app + " on this swarm");
        }
        return services;
    }

    /**
     * Like a container: a non-admin may manage only what HomelabARR made and what the deploy policy would let them
     * deploy, judged on the services as Swarm runs them now.
     */
    private void requireManageable(Principal who, String app, List<StackService> services, String what) {
        if (who.isAdmin()) {
            return;
        }
        List<Workload> workloads = new ArrayList<>();
        for (StackService s : services) {
            if (!app.equals(s.labels().get(APP_LABEL))) {
                throw Refused.forbidden("Forbidden", s.name() + " was not created by HomelabARR: only an admin may "
                        + "manage it");
            }
            workloads.add(new Workload(s.name(), s.binds().stream().map(b -> new Workload.HostMount(b, false)).toList(),
                    List.of(), List.of(), false, List.of(), List.of(), null, null, null, null, List.of(), Map.of(), s.user(),
                    s.environment(), List.of()));
        }
        policy.authorize(who, workloads, what);
    }
}
