package homelabarr.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
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

import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
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
    /**
     * docker-java's own, for the calls made by hand too: a service spec sent that way is written exactly as
     * docker-java writes it.
     */
    private final ObjectMapper json;

    public DockerSwarmEngine(String dockerHost) {
        this(dockerHost, null);
    }

    /** Like {@link DockerEngine}: with {@code tls}, a tcp:// manager is spoken to over mutual TLS. */
    public DockerSwarmEngine(String dockerHost, SSLContext tls) {
        ZerodepDockerHttpClient.Builder builder = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(TIMEOUT);
        SSLContext context = DockerEngine.tlsFor(dockerHost, tls);
        if (context != null) {
            builder.sslConfig(() -> context);
        }
        this.http = builder.build();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).withDockerTlsVerify(false).build();
        this.client = DockerClientImpl.getInstance(config, http);
        this.json = config.getObjectMapper();
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
    public String create(ServiceDefinition service, RegistryAuth login) {
        return call("create the service " + service.name(), () -> {
            var create = client.createServiceCmd(ServiceSpecs.of(service));
            if (login != null) {
                create.withAuthConfig(authConfig(login));
            }
            return create.exec().getId();
        });
    }

    /** By hand: docker-java's service update cannot send a registry login (X-Registry-Auth), its create can. */
    @Override
    public void update(String id, long version, ServiceDefinition service, RegistryAuth login) {
        String action = "update the service " + service.name();
        run(action, () -> raw(action, DockerHttpClient.Request.Method.POST, "/services/" + id + "/update?version="
                + version, json.valueToTree(ServiceSpecs.of(service)), login == null ? Map.of()
                : Map.of("X-Registry-Auth", registryAuthHeader(login))));
    }

    /** As docker-java writes it for a pull or a service create: the login as JSON, base64url. */
    private String registryAuthHeader(RegistryAuth login) {
        try {
            return Base64.getUrlEncoder().encodeToString(json.writeValueAsBytes(authConfig(login)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AuthConfig authConfig(RegistryAuth login) {
        return new AuthConfig().withRegistryAddress(login.registry()).withUsername(login.username())
                .withPassword(login.password());
    }

    @Override
    public List<StackService> services(String label, String value) {
        return call("list services labelled " + label, () -> client.listServicesCmd().withLabelFilter(Map.of(label, value))
                .exec().stream().map(ServiceSpecs::read).toList());
    }

    @Override
    public List<StackService> services() {
        return call("list services", () -> client.listServicesCmd().exec().stream().map(ServiceSpecs::read).toList());
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

    /**
     * docker-java knows neither a service's PreviousSpec nor the update's {@code rollback=previous}, so this one call
     * is made by hand, the way {@code docker service rollback} makes it: the current spec is sent (the engine checks
     * it) and the manager puts back the previous one.
     */
    @Override
    public boolean revert(String idOrName) {
        String action = "put back the previous spec of the service " + idOrName;
        return call(action, () -> {
            JsonNode service = raw(action, DockerHttpClient.Request.Method.GET, "/services/" + idOrName, null, Map.of());
            if (service.path("PreviousSpec").isMissingNode() || service.path("PreviousSpec").isNull()) {
                return false;
            }
            long version = service.path("Version").path("Index").asLong();
            raw(action, DockerHttpClient.Request.Method.POST, "/services/" + service.path("ID").asText() + "/update?version="
                    + version + "&rollback=previous", service.path("Spec"), Map.of());
            return true;
        });
    }

    private JsonNode raw(String action, DockerHttpClient.Request.Method method, String path, JsonNode body,
                         Map<String, String> headers) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder().method(method).path(path)
                .headers(headers);
        if (body != null) {
            try {
                request.putHeader("Content-Type", "application/json")
                        .body(new ByteArrayInputStream(json.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (DockerHttpClient.Response response = http.execute(request.build()); InputStream in = response.getBody()) {
            byte[] bytes = in.readAllBytes();
            int status = response.getStatusCode();
            if (status / 100 != 2) {
                JsonNode error = bytes.length == 0 ? null : json.readTree(bytes);
                String message = error == null ? "HTTP " + status : error.path("message").asText("HTTP " + status);
                EngineException.Kind kind = switch (status) {
                    case 404 -> EngineException.Kind.NOT_FOUND;
                    case 409 -> EngineException.Kind.CONFLICT;
                    case 400 -> EngineException.Kind.BAD_REQUEST;
                    default -> EngineException.Kind.FAILED;
                };
                throw new EngineException(kind, action, status, message, null);
            }
            return bytes.length == 0 ? json.nullNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
