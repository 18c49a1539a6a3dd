package homelabarr.containers;

import com.fasterxml.jackson.annotation.JsonInclude;
import homelabarr.docker.ContainerSummary;
import homelabarr.docker.PublishedPort;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as the API returns it; {@code stats} only when asked for and the container is running;
 * {@code environment} names the Docker environment it runs in.
 */
record ContainerView(String id, String name, String image, String state, String status, Instant created,
                     List<PublishedPort> ports, @JsonInclude(JsonInclude.Include.ALWAYS) String app,
                     Map<String, String> labels, ContainerStats stats, String environment) {

    static ContainerView of(ContainerSummary c, ContainerStats stats, String environment) {
        return new ContainerView(c.id(), c.name(), c.image(), c.state(), c.status(), c.created(), c.ports(), c.app(),
                c.labels(), stats, environment);
    }
}
