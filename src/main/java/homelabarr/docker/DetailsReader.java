package homelabarr.docker;

import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link ContainerDetails} out of an inspect answer; every field the engine may leave out is optional. */
final class DetailsReader {
    private DetailsReader() {
    }

    static ContainerDetails of(InspectContainerResponse c) {
        InspectContainerResponse.ContainerState s = c.getState();
        ContainerDetails.State state = s == null ? new ContainerDetails.State("unknown", false, false, null, false, null, null)
                : new ContainerDetails.State(s.getStatus(), Boolean.TRUE.equals(s.getRunning()),
                Boolean.TRUE.equals(s.getRestarting()), s.getExitCodeLong(), Boolean.TRUE.equals(s.getOOMKilled()),
                s.getHealth() == null ? null : s.getHealth().getStatus(), lastHealthOutput(s));
        Map<String, String> env = new LinkedHashMap<>();
        if (c.getConfig() != null && c.getConfig().getEnv() != null) {
            for (String entry : c.getConfig().getEnv()) {
                int eq = entry.indexOf('=');
                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        List<ContainerDetails.Mount> mounts = c.getMounts() == null ? List.of() : c.getMounts().stream()
                .map(m -> new ContainerDetails.Mount(m.getName(), m.getSource(),
                        m.getDestination() == null ? null : m.getDestination().getPath())).toList();
        Map<String, String> labels = c.getConfig() == null || c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
        return new ContainerDetails(c.getId(), c.getName() == null ? "" : c.getName().replaceFirst("^/", ""),
                c.getConfig() == null ? null : c.getConfig().getImage(), state,
                c.getRestartCount() == null ? 0 : c.getRestartCount(), labels, env, mounts,
                c.getConfig() != null && Boolean.TRUE.equals(c.getConfig().getTty()));
    }

    private static String lastHealthOutput(InspectContainerResponse.ContainerState state) {
        if (state.getHealth() == null || state.getHealth().getLog() == null || state.getHealth().getLog().isEmpty()) {
            return null;
        }
        HealthStateLog last = state.getHealth().getLog().getLast();
        return last.getOutput() == null ? null : last.getOutput().strip();
    }
}
