package homelabarr.containers;

import com.fasterxml.jackson.annotation.JsonInclude;
import homelabarr.docker.ContainerSummary;
import homelabarr.docker.PublishedPort;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A container as the API returns it; {@code stats} only when asked for and the container is running. */
record ContainerView(String id, String name, String image, String state, String status, Instant created,
                     List<PublishedPort> ports, @JsonInclude(JsonInclude.Include.ALWAYS) String app,
                     Map<String, String> labels, ContainerStats stats) {

    static ContainerView of(ContainerSummary c, ContainerStats stats) {
        return new ContainerView(c.id(), c.name(), c.image(), c.state(), c.status(), c.created(), c.ports(), c.app(),
                c.labels(), stats);
    }
}
