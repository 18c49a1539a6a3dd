package homelabarr.swarm;

import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.events.Progress;
import homelabarr.deploy.plan.Plan.NetworkSpec;
import homelabarr.docker.EngineException;
import homelabarr.docker.RegistryAuth;
import homelabarr.docker.ServiceDefinition;
import homelabarr.docker.SwarmEngine;
import homelabarr.docker.SwarmEngine.StackService;
import homelabarr.docker.SwarmEngine.SwarmTask;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one stack deployment on its own thread: overlay networks, then each service created or updated, then it
 * watches the tasks until every service runs its replicas. A failed update is Swarm's to undo (failure_action
 * rollback): this reports it as rolled back. A new stack that does not come up is removed again.
 */
final class StackRollout {
    private static final Set<String> ROLLBACK = Set.of("rollback_started", "rollback_paused", "rollback_completed");
    /** A fresh service whose tasks fail this often is not going to start: no need to wait for the deadline. */
    private static final int FAILED_TASKS = 3;
    /** How long an update may take to show up in the service's update status before it counts as a no-op. */
    private static final Duration UPDATE_GRACE = Duration.ofSeconds(5);
    private final SwarmEngine engine;
    private final RegistryAuth.Lookup logins;
    private final Clock clock;
    private final Duration timeout;
    private final Duration poll;

    record Outcome(DeploymentStatus status, String reason, List<String> services) {
    }

    StackRollout(SwarmEngine engine, RegistryAuth.Lookup logins, Clock clock, Duration timeout, Duration poll) {
        this.engine = engine;
        this.logins = logins;
        this.clock = clock;
        this.timeout = timeout;
        this.poll = poll;
    }

    /**
     * Interrupted (the record left unfinished) when {@code stop} says the server stops; a cancel undoes what this
     * deployment did ({@link StackUndo}) and ends it cancelled.
     */
    Outcome run(StackSpecs.Stack stack, String deploymentId, Progress progress, StackStop stop) throws InterruptedException {
        List<String> madeNetworks = new ArrayList<>();
        List<String> madeServices = new ArrayList<>();
        Map<String, String> updateBefore = new HashMap<>();
        Map<String, String> serviceNames = new LinkedHashMap<>();
        Map<String, StackService> existing = new HashMap<>();
        boolean first = true;
        try {
            progress.status(DeploymentStatus.CREATING, null);
            engine.services(StackSpecs.NAMESPACE, stack.app()).forEach(s -> existing.put(s.name(), s));
            first = existing.isEmpty();
            for (NetworkSpec n : stack.networks()) {
                stop.check();
                engine.overlay(n.name(), n.labels());
                if (existing.isEmpty()) {
                    madeNetworks.add(n.name());
                }
                progress.step("network", null, "Overlay network " + n.name());
            }
            for (ServiceDefinition d : stack.services()) {
                stop.check();
                StackService old = existing.remove(d.name());
                String service = composeName(stack.app(), d.name());
                RegistryAuth login = logins.forImage(d.image()).orElse(null);
                if (old == null) {
                    String id = engine.create(d, login);
                    madeServices.add(id);
                    serviceNames.put(id, service);
                    progress.step("create", service, "Service " + d.name() + ", " + d.replicas() + " replica(s)");
                } else {
                    updateBefore.put(old.id(), String.valueOf(old.updateStarted()));
                    engine.update(old.id(), old.version(), d, login);
                    serviceNames.put(old.id(), service);
                    progress.step("update", service, "Service " + d.name() + " updated, " + d.replicas() + " replica(s); "
                            + "Swarm rolls it back if the new tasks fail");
                }
            }
            progress.status(DeploymentStatus.STARTING, null);
            Outcome outcome = watch(stack, progress, serviceNames, updateBefore, madeServices, stop);
            if (outcome.status() != DeploymentStatus.SUCCEEDED && !madeServices.isEmpty() && updateBefore.isEmpty()) {
                undo(progress, madeServices, madeNetworks);
                return new Outcome(DeploymentStatus.ROLLED_BACK, outcome.reason() + "; the new stack was removed",
                        outcome.services());
            }
            // only once the new services run: until then a cancel puts the stack back as it was
            if (outcome.status() == DeploymentStatus.SUCCEEDED) {
                for (StackService stale : existing.values()) {
                    engine.remove(stale.id());
                    progress.step("remove", composeName(stack.app(), stale.name()), "Service " + stale.name()
                            + " is no longer in the template");
                }
            }
            return outcome;
        } catch (StackStop.Cancelled c) {
            return cancelled(stack, deploymentId, progress, c.getMessage(), first);
        } catch (EngineException e) {
            if (updateBefore.isEmpty()) {
                undo(progress, madeServices, madeNetworks);
            }
            return new Outcome(DeploymentStatus.FAILED, "The swarm manager could not " + e.action() + ": "
                    + e.maskedMessage(), List.of());
        }
    }

    private Outcome watch(StackSpecs.Stack stack, Progress progress, Map<String, String> serviceNames,
                          Map<String, String> updateBefore, List<String> fresh, StackStop stop)
            throws InterruptedException, StackStop.Cancelled {
        TaskWatch tasks = new TaskWatch(engine, progress, serviceNames);
        Instant started = clock.instant();
        Instant deadline = started.plus(timeout);
        Map<String, Integer> wanted = new HashMap<>();
        stack.services().forEach(d -> wanted.put(d.name(), d.replicas()));
        List<String> names = stack.services().stream().map(ServiceDefinition::name).toList();
        while (true) {
            List<SwarmTask> all = tasks.look();
            boolean ready = true;
            for (String id : serviceNames.keySet()) {
                StackService s = engine.service(id).orElse(null);
                if (s == null) {
                    return new Outcome(DeploymentStatus.FAILED, "Service " + serviceNames.get(id) + " was removed meanwhile",
                            names);
                }
                boolean updated = updateBefore.containsKey(id);
                boolean ours = updated && s.updateStarted() != null && !s.updateStarted().equals(updateBefore.get(id));
                if (ours && ROLLBACK.contains(s.updateState())) {
                    return rolledBack(progress, tasks, s, deadline, names, stop);
                }
                if (ours && "paused".equals(s.updateState())) {
                    return new Outcome(DeploymentStatus.FAILED, "Swarm paused the update of " + s.name() + ": "
                            + s.updateMessage(), names);
                }
                long running = all.stream().filter(t -> t.serviceId().equals(id) && "running".equals(t.state())
                        && "running".equals(t.desiredState())).count();
                boolean settled = !updated || (ours ? "completed".equals(s.updateState())
                        : clock.instant().isAfter(started.plus(UPDATE_GRACE)));
                ready &= settled && running == wanted.getOrDefault(s.name(), 1);
                long failed = all.stream().filter(t -> t.serviceId().equals(id)
                        && ("failed".equals(t.state()) || "rejected".equals(t.state()))).count();
                if (fresh.contains(id) && failed >= FAILED_TASKS) {
                    return new Outcome(DeploymentStatus.FAILED, "Tasks of " + s.name() + " keep failing: "
                            + lastError(all, id), names);
                }
            }
            if (ready) {
                progress.step("running", null, "Every service runs its replicas");
                return new Outcome(DeploymentStatus.SUCCEEDED, null, names);
            }
            if (clock.instant().isAfter(deadline)) {
                return new Outcome(DeploymentStatus.FAILED, "The services did not reach their replicas within "
                        + timeout.toSeconds() + " s", names);
            }
            stop.sleep(poll);
        }
    }

    /** Swarm is undoing the update: wait (bounded) until it says it is done, reporting the tasks meanwhile. */
    private Outcome rolledBack(Progress progress, TaskWatch tasks, StackService s, Instant deadline, List<String> names,
                               StackStop stop) throws InterruptedException, StackStop.Cancelled {
        progress.step("rollback", composeName(s.labels().get(StackSpecs.NAMESPACE), s.name()),
                "The update failed; Swarm is rolling " + s.name() + " back to its previous spec");
        StackService now = s;
        while (!"rollback_completed".equals(now.updateState()) && clock.instant().isBefore(deadline)) {
            stop.sleep(poll);
            tasks.look();
            now = engine.service(s.id()).orElse(now);
        }
        String done = "rollback_completed".equals(now.updateState()) ? "Swarm rolled the update back" : "Swarm is rolling the "
                + "update back (" + now.updateState() + ")";
        return new Outcome(DeploymentStatus.ROLLED_BACK, done + ": " + s.updateMessage(), names);
    }

    private Outcome cancelled(StackSpecs.Stack stack, String deploymentId, Progress progress, String why, boolean first) {
        progress.step("cancel", null, why + ": undoing what this deployment did");
        StackUndo.Result undone = StackUndo.undo(engine, stack.app(), deploymentId, progress::step);
        String done = first ? "the new stack was removed" : "the previous service specs were put back";
        return new Outcome(DeploymentStatus.CANCELLED, why + "; " + (undone.problems().isEmpty() ? done
                : "undo incomplete: " + String.join("; ", undone.problems())),
                stack.services().stream().map(ServiceDefinition::name).toList());
    }

    private static String lastError(List<SwarmTask> tasks, String serviceId) {
        return tasks.stream().filter(t -> t.serviceId().equals(serviceId) && t.error() != null && !t.error().isBlank())
                .map(SwarmTask::error).reduce((a, b) -> b).orElse("no error given");
    }

    private void undo(Progress progress, List<String> services, List<String> networks) {
        for (String id : services) {
            try {
                engine.remove(id);
            } catch (EngineException e) {
                progress.step("rollback", null, "Could not remove service " + id + ": " + e.maskedMessage());
            }
        }
        progress.step("rollback", null, "Removed the new services");
        StackCleanup.removeNetworks(engine, networks, progress::step);
    }

    static String composeName(String app, String serviceName) {
        return app != null && serviceName.startsWith(app + "_") ? serviceName.substring(app.length() + 1) : serviceName;
    }
}
