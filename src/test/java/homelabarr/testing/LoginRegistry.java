package homelabarr.testing;

import com.password4j.BcryptFunction;
import com.password4j.types.Bcrypt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real image registry that refuses anonymous pulls: Debian's {@code docker-registry} with one htpasswd (Basic)
 * user, its storage and log under {@code dir}, listening on {@code host} ({@code 127.0.0.1:PORT}). {@code launcher}
 * comes before the registry's command line (e.g. {@code nsenter --net=...} to run it in an engine's network
 * namespace). Whoever starts it waits for it the way that reaches it.
 */
public final class LoginRegistry implements AutoCloseable {
    private final Process process;
    private final String host;

    private LoginRegistry(Process process, String host) {
        this.process = process;
        this.host = host;
    }

    public static LoginRegistry start(Path dir, String host, String user, String password, List<String> launcher) {
        try {
            Path data = Files.createDirectories(dir);
            Files.writeString(data.resolve("htpasswd"), user + ":"
                    + BcryptFunction.getInstance(Bcrypt.Y, 6).hash(password).getResult() + "\n");
            Path config = data.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: warn
                    storage:
                      filesystem:
                        rootdirectory: %s
                    http:
                      addr: %s
                    auth:
                      htpasswd:
                        realm: homelabarr-test
                        path: %s
                    """.formatted(data.resolve("storage"), host, data.resolve("htpasswd")));
            List<String> command = new ArrayList<>(launcher);
            command.addAll(List.of("docker-registry", "serve", config.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(data.resolve("registry.log").toFile()).start();
            return new LoginRegistry(process, host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return host;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
