package homelabarr.deploy.plan;

import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.catalog.ComposeModel.Service;
import homelabarr.catalog.ImageRef;

import java.util.List;
import java.util.Map;

/**
 * Everything a deployment will create, decided before anything runs: containers in dependency order, networks,
 * volumes and the images they need. Names and labels follow design.md §4.
 */
public record Plan(String appId, String deploymentId, List<ContainerSpec> containers, List<NetworkSpec> networks,
            List<VolumeSpec> volumes, List<ImageRef> images, Integer webPort, String url) {

    public static final String LABEL_PROJECT = "com.docker.compose.project";
    public static final String LABEL_SERVICE = "com.docker.compose.service";
    public static final String LABEL_APP = "homelabarr.app";
    public static final String LABEL_DEPLOYMENT = "homelabarr.deployment";

    /**
     * One container. {@code ports}, {@code labels} and {@code networks} are the effective ones after the mode was
     * applied (they win over the same fields of {@code service}). {@code networkMode} is as written
     * ({@code host}, {@code service:db}, ...) or null when the container joins {@code networks}.
     * {@code oneOff}: a job (others wait for it to complete, or its restart policy is "no"), allowed to have
     * exited with code 0 when verified.
     */
    public record ContainerSpec(String service, String name, ImageRef image, Service definition, Map<String, String> labels,
                         List<PortMapping> ports, List<String> networks, String networkMode,
                         Map<String, String> dependsOn, boolean oneOff) {
        /** The same container, reached through the proxy: these labels, ports and networks instead. */
        public ContainerSpec routed(Map<String, String> newLabels, List<PortMapping> newPorts, List<String> newNetworks) {
            return new ContainerSpec(service, name, image, definition, newLabels, newPorts, newNetworks, networkMode,
                    dependsOn, oneOff);
        }

        /** The same container running another image (an update pins the new digest). */
        public ContainerSpec withImage(ImageRef other) {
            return new ContainerSpec(service, name, other, definition, labels, ports, networks, networkMode, dependsOn, oneOff);
        }

        public boolean hasHealthcheck() {
            return definition.healthcheck() != null && !definition.healthcheck().disabled();
        }
    }

    /** {@code shared}: the proxy network, used by many apps, created when missing and never removed by one. */
    public record NetworkSpec(String key, String name, boolean external, boolean shared, String driver,
                       Map<String, String> labels) {
    }

    public record VolumeSpec(String key, String name, boolean external, String driver, Map<String, String> driverOpts,
                      Map<String, String> labels) {
    }

    public ContainerSpec container(String service) {
        return containers.stream().filter(c -> c.service().equals(service)).findFirst().orElseThrow();
    }

    /** The same plan, reached at {@code webPort} on the host or at {@code url} through the proxy. */
    public Plan reachedAt(Integer port, String address) {
        return new Plan(appId, deploymentId, containers, networks, volumes, images, port, address);
    }

    /** The same plan with some services' images replaced (an update's pinned digests); the rest stay. */
    public Plan withImages(Map<String, ImageRef> byService) {
        List<ContainerSpec> pinned = containers.stream()
                .map(c -> byService.containsKey(c.service()) ? c.withImage(byService.get(c.service())) : c).toList();
        List<ImageRef> needed = pinned.stream().map(ContainerSpec::image)
                .collect(java.util.stream.Collectors.toMap(ImageRef::canonical, i -> i, (a, b) -> a,
                        java.util.LinkedHashMap::new)).values().stream().toList();
        return new Plan(appId, deploymentId, pinned, networks, volumes, needed, webPort, url);
    }

    /** The same plan with these containers and networks (a mode's routing). */
    public Plan with(List<ContainerSpec> newContainers, List<NetworkSpec> newNetworks) {
        return new Plan(appId, deploymentId, newContainers, newNetworks, volumes, images, webPort, url);
    }
}
