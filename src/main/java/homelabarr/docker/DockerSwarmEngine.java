package homelabarr.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static homelabarr.docker.EngineCalls.call;
import static homelabarr.docker.EngineCalls.run;

/** {@link SwarmEngine} through docker-java, on a connection pool of its own to the manager's API. */
public final class DockerSwarmEngine implements SwarmEngine {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final DockerHttpClient http;
    private final DockerClient client;

    public DockerSwarmEngine(String dockerHost) {
        this.http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(TIMEOUT)
                .build();
        this.client = DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).withDockerTlsVerify(false).build(), http);
    }

    @Override
    public SwarmState state() {
        SwarmInfo swarm = call("read the swarm state", () -> client.infoCmd().exec().getSwarm());
        if (swarm == null || swarm.getLocalNodeState() == null) {
            return new SwarmState("inactive", false, null);
        }
        return new SwarmState(swarm.getLocalNodeState().name().toLowerCase(Locale.ROOT),
                Boolean.TRUE.equals(swarm.getControlAvailable()), swarm.getNodeID());
    }

    @Override
    public List<SwarmNode> nodes() {
        return call("list swarm nodes", () -> client.listSwarmNodesCmd().exec().stream().map(n -> new SwarmNode(n.getId(),
                n.getDescription() == null ? null : n.getDescription().getHostname(),
                lower(n.getSpec() == null ? null : n.getSpec().getRole()),
                lower(n.getSpec() == null ? null : n.getSpec().getAvailability()),
                lower(n.getStatus() == null ? null : n.getStatus().getState()),
                n.getStatus() == null ? null : n.getStatus().getAddress())).toList());
    }

    @Override
    public void availability(String nodeId, String availability) {
        SwarmNodeAvailability value = SwarmNodeAvailability.valueOf(availability.toUpperCase(Locale.ROOT));
        run("change the availability of node " + nodeId, () -> {
            var node = client.listSwarmNodesCmd().withIdFilter(List.of(nodeId)).exec().stream()
                    .filter(n -> n.getId().equals(nodeId)).findFirst()
                    .orElseThrow(() -> new EngineException(EngineException.Kind.NOT_FOUND, "find node " + nodeId, 404,
                            "no such node", null));
            SwarmNodeSpec spec = node.getSpec().withAvailability(value);
            client.updateSwarmNodeCmd().withSwarmNodeId(node.getId()).withVersion(node.getVersion().getIndex())
                    .withSwarmNodeSpec(spec).exec();
        });
    }

    @Override
    public String overlay(String name, Map<String, String> labels) {
        return call("create the overlay network " + name, () -> {
            Optional<Network> existing = network(name);
            if (existing.isPresent()) {
                return existing.get().getId();
            }
            return client.createNetworkCmd().withName(name).withDriver("overlay").withAttachable(true)
                    .withLabels(labels).withCheckDuplicate(true).exec().getId();
        });
    }

    private Optional<Network> network(String name) {
        return client.listNetworksCmd().withNameFilter(name).exec().stream().filter(n -> name.equals(n.getName())).findFirst();
    }

    @Override
    public void removeNetwork(String name) {
        run("remove the network " + name, () -> network(name).ifPresent(n -> client.removeNetworkCmd(n.getId()).exec()));
    }

    @Override
    public List<String> networks(String label, String value) {
        return call("list networks labelled " + label, () -> client.listNetworksCmd()
                .withFilter("label", List.of(label + "=" + value)).exec().stream().map(Network::getName).toList());
    }

    @Override
    public String create(ServiceDefinition service) {
        return call("create the service " + service.name(),
                () -> client.createServiceCmd(ServiceSpecs.of(service)).exec().getId());
    }

    @Override
    public void update(String id, long version, ServiceDefinition service) {
        run("update the service " + service.name(),
                () -> client.updateServiceCmd(id, ServiceSpecs.of(service)).withVersion(version).exec());
    }

    @Override
    public List<StackService> services(String label, String value) {
        return call("list services labelled " + label, () -> client.listServicesCmd().withLabelFilter(Map.of(label, value))
                .exec().stream().map(ServiceSpecs::read).toList());
    }

    @Override
    public Optional<StackService> service(String idOrName) {
        try {
            return Optional.of(call("inspect the service " + idOrName,
                    () -> ServiceSpecs.read(client.inspectServiceCmd(idOrName).exec())));
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void scale(String idOrName, int replicas) {
        run("scale the service " + idOrName, () -> {
            Service current = client.inspectServiceCmd(idOrName).exec();
            ServiceSpec spec = current.getSpec().withMode(new ServiceModeConfig()
                    .withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas)));
            client.updateServiceCmd(current.getId(), spec).withVersion(current.getVersion().getIndex()).exec();
        });
    }

    @Override
    public void remove(String idOrName) {
        run("remove the service " + idOrName, () -> client.removeServiceCmd(idOrName).exec());
    }

    @Override
    public List<SwarmTask> tasks(List<String> serviceIds) {
        if (serviceIds.isEmpty()) {
            return List.of();
        }
        return call("list tasks", () -> client.listTasksCmd().withServiceFilter(serviceIds.toArray(String[]::new)).exec()
                .stream().map(DockerSwarmEngine::task).toList());
    }

    private static SwarmTask task(Task t) {
        var status = t.getStatus();
        return new SwarmTask(t.getId(), t.getServiceId(), t.getSlot(), t.getNodeId(),
                status == null || status.getState() == null ? null : status.getState().getValue(),
                t.getDesiredState() == null ? null : t.getDesiredState().getValue(),
                status == null ? null : status.getMessage(), status == null ? null : status.getErr(),
                status == null ? null : status.getTimestamp(),
                status == null || status.getContainerStatus() == null ? null : status.getContainerStatus().getContainerID());
    }

    static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    static String mode(PortConfig.PublishMode mode) {
        return mode == null ? "ingress" : lower(mode);
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            // closing a pool of sockets: nothing is lost if it fails
        }
    }
}
