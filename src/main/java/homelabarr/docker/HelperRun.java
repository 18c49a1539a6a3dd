package homelabarr.docker;

import java.time.Duration;
import java.util.List;

/**
 * A short-lived container the server itself runs to do something on the Docker host it cannot do from where it
 * is (create folders owned by an app's user, read the host's listening ports). Never built from user input beyond
 * checked paths, which travel as arguments, not as script text.
 *
 * @param binds       {@code source:target[:ro]} host mounts
 * @param networkMode {@code none} or {@code host}
 */
public record HelperRun(String image, List<String> command, String user, List<String> binds, String networkMode,
                        Duration timeout) {
    public HelperRun {
        command = List.copyOf(command);
        binds = List.copyOf(binds);
    }

    /** What it printed on standard output, and how it ended. */
    public record Result(int exitCode, String output) {
    }
}
