package homelabarr.docker;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A container as listed by the engine, in the shape the API returns. Environment variables are never read,
 * secret-looking labels are dropped and credentials in label values masked here, so nothing downstream can leak them.
 */
public record ContainerSummary(String id, String name, String image, String state, String status, Instant created,
                               List<PublishedPort> ports, String app, Map<String, String> labels) {
    /** The label our deployments put on every container; its value is the app id. */
    public static final String APP_LABEL = "homelabarr.app";

    static ContainerSummary of(Container c) {
        Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
        return new ContainerSummary(
                c.getId(),
                nameOf(c.getNames()),
                c.getImage(),
                c.getState(),
                c.getStatus(),
                c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated()),
                ports(c.getPorts()),
                labels.get(APP_LABEL),
                SecretLabels.withoutSecrets(labels));
    }

    public boolean running() {
        return "running".equals(state);
    }

    /** Docker names carry a leading slash; containers linked in legacy ways have several names, the first is its own. */
    static String nameOf(String[] names) {
        if (names == null || names.length == 0) {
            return "";
        }
        String name = names[0];
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static List<PublishedPort> ports(ContainerPort[] ports) {
        if (ports == null) {
            return List.of();
        }
        return Arrays.stream(ports)
                .filter(p -> p.getPrivatePort() != null)
                .map(p -> new PublishedPort(p.getIp(), p.getPublicPort(), p.getPrivatePort(),
                        p.getType() == null ? "tcp" : p.getType()))
                .sorted(Comparator.comparingInt(PublishedPort::containerPort)
                        .thenComparing(p -> p.hostPort() == null ? 0 : p.hostPort())
                        .thenComparing(p -> String.valueOf(p.hostIp())))
                .toList();
    }
}
