package homelabarr.deploy;

import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.catalog.ComposeModel.Service;
import homelabarr.catalog.ImageRef;

import java.util.List;
import java.util.Map;

/**
 * Everything a deployment will create, decided before anything runs: containers in dependency order, networks,
 * volumes and the images they need. Names and labels follow design.md §4.
 */
record Plan(String appId, String deploymentId, List<ContainerSpec> containers, List<NetworkSpec> networks,
            List<VolumeSpec> volumes, List<ImageRef> images, Integer webPort, String url) {

    static final String LABEL_PROJECT = "com.docker.compose.project";
    static final String LABEL_SERVICE = "com.docker.compose.service";
    static final String LABEL_APP = "homelabarr.app";
    static final String LABEL_DEPLOYMENT = "homelabarr.deployment";

    /**
     * One container. {@code ports}, {@code labels} and {@code networks} are the effective ones after the mode was
     * applied (they win over the same fields of {@code service}). {@code networkMode} is as written
     * ({@code host}, {@code service:db}, ...) or null when the container joins {@code networks}.
     * {@code oneOff}: a job (others wait for it to complete, or its restart policy is "no"), allowed to have
     * exited with code 0 when verified.
     */
    record ContainerSpec(String service, String name, ImageRef image, Service definition, Map<String, String> labels,
                         List<PortMapping> ports, List<String> networks, String networkMode,
                         Map<String, String> dependsOn, boolean oneOff) {
        boolean hasHealthcheck() {
            return definition.healthcheck() != null && !definition.healthcheck().disabled();
        }
    }

    /** {@code shared}: the proxy network, used by many apps, created when missing and never removed by one. */
    record NetworkSpec(String key, String name, boolean external, boolean shared, String driver,
                       Map<String, String> labels) {
    }

    record VolumeSpec(String key, String name, boolean external, String driver, Map<String, String> driverOpts,
                      Map<String, String> labels) {
    }

    ContainerSpec container(String service) {
        return containers.stream().filter(c -> c.service().equals(service)).findFirst().orElseThrow();
    }
}
