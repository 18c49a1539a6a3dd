package homelabarr.deploy.run;

import homelabarr.deploy.plan.FolderRoots;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plan.ContainerSpec;

import homelabarr.catalog.ComposeModel.MountType;
import homelabarr.catalog.ComposeModel.VolumeMount;
import homelabarr.host.FolderRequest;
import homelabarr.host.Host;
import homelabarr.host.HostFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates missing bind-mount folders under the app folder and the data roots ({@link FolderRoots}) owned by
 * PUID:PGID before the containers exist. Left to Docker, they would be created owned by root, and the many images
 * that run as PUID could not write their own config folder. Existing folders are never touched, so no data
 * changes owner. The {@link Host} does the work where this server is (on the host, or in a container through a
 * helper); with a remote engine Docker creates folders under the roots and refuses missing paths elsewhere.
 */
public final class BindFolders {
    private final Host host;

    public BindFolders(Host host) {
        this.host = host;
    }

    /** What is missing and may not be created: host paths outside the roots, and files; empty when unknown. */
    List<String> missing(Plan plan, FolderRoots roots) {
        if (!host.seesFiles()) {
            return List.of();
        }
        List<Bind> binds = binds(plan);
        Map<String, HostFile> files = host.inspect(binds.stream().map(b -> b.mount().source()).toList());
        List<String> problems = new ArrayList<>();
        for (Bind b : binds) {
            if (!files.get(b.mount().source()).missing()) {
                continue;
            }
            Path source = Path.of(b.mount().source()).normalize();
            String where = source + " (mounted at " + b.mount().target() + " in " + b.service() + ") does not exist";
            if (FolderRoots.looksLikeFile(source)) {
                problems.add(where + "; it is a file: create it first");
            } else if (roots.root(source) == null) {
                problems.add(where + ", and only folders under the app folder and the data folders "
                        + roots.roots() + " are created");
            }
        }
        return problems;
    }

    List<Path> prepare(Plan plan, Map<String, String> settings, FolderRoots roots) throws DeployFailure {
        List<FolderRequest> requests = new ArrayList<>();
        for (Bind b : binds(plan)) {
            Path source = Path.of(b.mount().source()).normalize();
            Path root = roots.root(source);
            if (root != null && !source.equals(root) && roots.creatable(b.mount().source())) {
                requests.add(new FolderRequest(root, source));
            }
        }
        int uid = Integer.parseInt(settings.getOrDefault("PUID", "1000"));
        int gid = Integer.parseInt(settings.getOrDefault("PGID", "1000"));
        try {
            return host.createFolders(requests, uid, gid);
        } catch (IOException | SecurityException e) {
            throw new DeployFailure("Cannot create the folders for bind mounts: " + e.getMessage());
        }
    }

    private record Bind(String service, VolumeMount mount) {
    }

    private static List<Bind> binds(Plan plan) {
        List<Bind> out = new ArrayList<>();
        for (ContainerSpec c : plan.containers()) {
            for (VolumeMount m : c.definition().volumes()) {
                if (m.type() == MountType.BIND) {
                    out.add(new Bind(c.service(), m));
                }
            }
        }
        return out;
    }
}
