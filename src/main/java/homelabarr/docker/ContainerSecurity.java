package homelabarr.docker;

import java.util.List;
import java.util.Map;

/** What a container may do to its host, as the engine reports it, plus its labels (who made it). */
public record ContainerSecurity(String id, String name, Map<String, String> labels, List<Bind> binds,
                                boolean privileged, List<String> capAdd, List<String> devices, String networkMode,
                                String pidMode, String ipcMode, String usernsMode, List<String> securityOpt,
                                Map<String, String> sysctls, String user, Map<String, String> environment,
                                List<String> groupAdd) {
    /** A host path mounted into the container. */
    public record Bind(String source, boolean readOnly) {
    }
}
