package homelabarr.docker;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Explains, at start, why a local Docker socket cannot be used: the usual first hurdle of running HomelabARR as an
 * unprivileged user (its image does), which otherwise shows only as "Docker Engine unavailable".
 */
public final class SocketAccess {
    private SocketAccess() {
    }

    /** What to tell the operator, or empty when the socket can be used (or DOCKER_HOST is not a local socket). */
    public static Optional<String> problem(String dockerHost) {
        if (!dockerHost.startsWith("unix://")) {
            return Optional.empty();
        }
        Path socket = Path.of(URI.create(dockerHost).getPath());
        if (!Files.exists(socket)) {
            return Optional.of("DOCKER_HOST: " + socket + " does not exist: mount the Docker socket "
                    + "(-v /var/run/docker.sock:/var/run/docker.sock) or set DOCKER_HOST");
        }
        if (Files.isReadable(socket) && Files.isWritable(socket)) {
            return Optional.empty();
        }
        String group;
        try {
            group = Files.getAttribute(socket, "unix:gid").toString();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            group = "the socket's group";
        }
        return Optional.of("DOCKER_HOST: this process may not use " + socket + " (it belongs to group " + group
                + "): run it with that group, e.g. group_add: [\"" + group + "\"] in compose.yaml, --group-add "
                + group + " with docker run, or DOCKER_GID=" + group + " with the project's compose.yaml");
    }
}
