package homelabarr.deploy.run;

import homelabarr.deploy.plan.FolderRoots;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plan.ContainerSpec;

import homelabarr.docker.ContainerDetails;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;

import java.time.Duration;
import java.util.Map;

/** Creates and starts one deployment's containers and waits for depends_on conditions. */
public final class ContainerRunner {
    private static final Duration POLL = Duration.ofMillis(100);
    private final Engine engine;

    public ContainerRunner(Engine engine) {
        this.engine = engine;
    }

    String create(ContainerSpec spec, Plan plan, FolderRoots roots, Map<String, String> idsByService) throws DeployFailure {
        CreateSpecs.Created created = CreateSpecs.of(spec, plan, roots, idsByService::get);
        String id;
        try {
            id = engine.create(created.spec());
        } catch (EngineException e) {
            throw DeployFailure.engine("Cannot create the container for " + spec.service(), e);
        }
        for (String network : created.moreNetworks()) {
            try {
                engine.connect(id, network, created.spec().aliases());
            } catch (EngineException e) {
                throw DeployFailure.engine("Cannot connect " + spec.service() + " to network " + network, e);
            }
        }
        return id;
    }

    void start(ContainerSpec spec, String id) throws DeployFailure {
        try {
            engine.start(id);
        } catch (EngineException e) {
            String message = e.engineMessage();
            if (message.contains("port is already allocated") || message.contains("address already in use")) {
                message = "a port it publishes is already in use on the host (" + message + ")";
            }
            throw DeployFailure.of(spec.service(), "Cannot start " + spec.service() + ": " + message);
        }
    }

    /** Waits until {@code dependency} satisfies {@code condition} (service_healthy or service_completed_successfully). */
    void await(String dependency, String containerId, String condition, Duration timeout, Cancellation cancellation)
            throws DeployFailure {
        if (condition.equals("service_started")) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ContainerDetails.State state = inspect(containerId).state();
            boolean running = state.running();
            if (condition.equals("service_completed_successfully")) {
                if (!running && state.exitCode() != null && "exited".equals(state.status())) {
                    if (state.exitCode() == 0) {
                        return;
                    }
                    throw DeployFailure.of(dependency, dependency + " exited with code " + state.exitCode()
                            + " but others need it to complete successfully");
                }
            } else {
                String health = state.health();
                if ("healthy".equals(health)) {
                    return;
                }
                if (!running) {
                    throw DeployFailure.of(dependency, dependency + " exited with code " + state.exitCode()
                            + " before it became healthy");
                }
                if ("unhealthy".equals(health)) {
                    throw DeployFailure.of(dependency, dependency + " is unhealthy" + Verifier.lastHealthOutput(state));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new DeployFailure(dependency + " did not become " + (condition.equals("service_healthy")
                        ? "healthy" : "complete") + " within " + timeout.toSeconds() + " s");
            }
            cancellation.sleep(POLL);
        }
    }

    /** The exit code of the container's last exit, from the engine's events; null when none is found in time. */
    Long lastExitCode(String id) {
        try {
            return engine.lastExitCode(id).orElse(null);
        } catch (EngineException e) {
            return null;
        }
    }

    ContainerDetails inspect(String id) throws DeployFailure {
        try {
            return engine.details(id);
        } catch (EngineException e) {
            throw DeployFailure.engine("Cannot inspect a container", e);
        }
    }
}
