package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import homelabarr.catalog.ComposeModel.Service;
import homelabarr.deploy.Plan.ContainerSpec;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.Map;

/** Creates and starts one deployment's containers and waits for depends_on conditions. */
final class ContainerRunner {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration EVENTS_LOOKBACK = Duration.ofHours(2);
    private static final Duration EVENTS_WAIT = Duration.ofSeconds(3);
    private final DockerClient docker;

    ContainerRunner(DockerClient docker) {
        this.docker = docker;
    }

    String create(ContainerSpec spec, Plan plan, FolderRoots roots, Map<String, String> idsByService) throws DeployFailure {
        ContainerConfig config = ContainerConfig.of(spec, plan, roots, idsByService::get);
        Service s = spec.definition();
        CreateContainerCmd cmd = docker.createContainerCmd(spec.image().canonical())
                .withName(spec.name())
                .withLabels(spec.labels())
                .withHostConfig(config.host())
                .withEnv(config.env())
                .withExposedPorts(config.exposed())
                .withVolumes(config.anonymousVolumes())
                .withTty(s.tty())
                .withStdinOpen(s.stdinOpen());
        if (s.command() != null) {
            cmd.withCmd(s.command());
        }
        if (s.entrypoint() != null) {
            cmd.withEntrypoint(s.entrypoint());
        }
        if (s.user() != null) {
            cmd.withUser(s.user());
        }
        if (s.workingDir() != null) {
            cmd.withWorkingDir(s.workingDir());
        }
        if (s.hostname() != null && spec.networkMode() == null) {
            cmd.withHostName(s.hostname());
        }
        if (s.stopSignal() != null) {
            cmd.withStopSignal(s.stopSignal());
        }
        if (s.stopGracePeriod() != null) {
            cmd.withStopTimeout((int) Math.max(1, s.stopGracePeriod().toSeconds()));
        }
        if (config.healthcheck() != null) {
            cmd.withHealthcheck(config.healthcheck());
        }
        if (!config.aliases().isEmpty()) {
            cmd.withAliases(config.aliases());
        }
        String id;
        try {
            id = cmd.exec().getId();
        } catch (DockerException e) {
            throw new DeployFailure("Cannot create the container for " + spec.service() + ": " + EngineErrors.message(e));
        }
        for (String network : config.moreNetworks()) {
            try {
                docker.connectToNetworkCmd().withContainerId(id).withNetworkId(network)
                        .withContainerNetwork(new ContainerNetwork().withAliases(config.aliases())).exec();
            } catch (DockerException e) {
                throw new DeployFailure("Cannot connect " + spec.service() + " to network " + network + ": "
                        + EngineErrors.message(e));
            }
        }
        return id;
    }

    void start(ContainerSpec spec, String id) throws DeployFailure {
        try {
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            String message = EngineErrors.message(e);
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
            InspectContainerResponse.ContainerState state = inspect(containerId).getState();
            boolean running = Boolean.TRUE.equals(state.getRunning());
            if (condition.equals("service_completed_successfully")) {
                if (!running && state.getExitCodeLong() != null && "exited".equals(state.getStatus())) {
                    if (state.getExitCodeLong() == 0) {
                        return;
                    }
                    throw DeployFailure.of(dependency, dependency + " exited with code " + state.getExitCodeLong()
                            + " but others need it to complete successfully");
                }
            } else {
                String health = state.getHealth() == null ? null : state.getHealth().getStatus();
                if ("healthy".equals(health)) {
                    return;
                }
                if (!running) {
                    throw DeployFailure.of(dependency, dependency + " exited with code " + state.getExitCodeLong()
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

    /**
     * The exit code of the container's last exit, from the engine's {@code die} events: once a restart policy has
     * started it again, inspect reports 0 and the real code is only in the event. Null when none is found in time.
     */
    Long lastExitCode(String id) {
        long now = Instant.now().getEpochSecond();
        List<String> codes = new CopyOnWriteArrayList<>();
        ResultCallback.Adapter<Event> events = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                if (event.getActor() != null && event.getActor().getAttributes() != null) {
                    String code = event.getActor().getAttributes().get("exitCode");
                    if (code != null) {
                        codes.add(code);
                    }
                }
            }
        };
        try (events) {
            docker.eventsCmd().withContainerFilter(id).withEventFilter("die")
                    .withSince(Long.toString(now - EVENTS_LOOKBACK.toSeconds())).withUntil(Long.toString(now + 1))
                    .exec(events).awaitCompletion(EVENTS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the reason then goes without the code
        }
        try {
            return codes.isEmpty() ? null : Long.valueOf(codes.getLast());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    InspectContainerResponse inspect(String id) throws DeployFailure {
        try {
            return docker.inspectContainerCmd(id).exec();
        } catch (DockerException e) {
            throw new DeployFailure("Cannot inspect a container: " + EngineErrors.message(e));
        }
    }
}
