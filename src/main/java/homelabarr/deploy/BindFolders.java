package homelabarr.deploy;

import homelabarr.catalog.ComposeModel.MountType;
import homelabarr.catalog.ComposeModel.VolumeMount;
import homelabarr.deploy.Plan.ContainerSpec;

import com.github.dockerjava.api.DockerClient;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates missing bind-mount folders under the app folder and the data roots ({@link FolderRoots}) owned by
 * PUID:PGID before the containers exist. Left to Docker, they would be created owned by root, and the many images
 * that run as PUID could not write their own config folder. Existing folders are never touched, so no data
 * changes owner. Only done when this server sees the Docker host's file system: the engine is on a local socket
 * and calls itself by this machine's host name (a server in its own container has another one); otherwise the
 * engine creates folders under the roots, and refuses missing paths anywhere else (see ContainerConfig).
 */
final class BindFolders {
    private final DockerClient docker;
    private final boolean localEngine;
    private volatile Boolean sameHost;

    BindFolders(DockerClient docker, boolean localEngine) {
        this.docker = docker;
        this.localEngine = localEngine;
    }

    private boolean sameHost() {
        Boolean known = sameHost;
        if (known == null) {
            try {
                known = localEngine && InetAddress.getLocalHost().getHostName().equals(docker.infoCmd().exec().getName());
            } catch (IOException | RuntimeException e) {
                return false;
            }
            sameHost = known;
        }
        return known;
    }

    /** What is missing and may not be created: host paths outside the roots, and files; empty when unknown. */
    List<String> missing(Plan plan, FolderRoots roots) {
        if (!sameHost()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (ContainerSpec c : plan.containers()) {
            for (VolumeMount m : c.definition().volumes()) {
                if (m.type() != MountType.BIND || Files.exists(Path.of(m.source()))) {
                    continue;
                }
                Path source = Path.of(m.source()).normalize();
                String where = source + " (mounted at " + m.target() + " in " + c.service() + ") does not exist";
                if (FolderRoots.looksLikeFile(source)) {
                    problems.add(where + "; it is a file: create it first");
                } else if (roots.root(source) == null) {
                    problems.add(where + ", and only folders under the app folder and the data folders "
                            + roots.roots() + " are created");
                }
            }
        }
        return problems;
    }

    List<Path> prepare(Plan plan, Map<String, String> settings, FolderRoots roots) throws DeployFailure {
        if (!sameHost()) {
            return List.of();
        }
        int uid = Integer.parseInt(settings.getOrDefault("PUID", "1000"));
        int gid = Integer.parseInt(settings.getOrDefault("PGID", "1000"));
        List<Path> created = new ArrayList<>();
        for (ContainerSpec c : plan.containers()) {
            for (VolumeMount m : c.definition().volumes()) {
                if (m.type() != MountType.BIND) {
                    continue;
                }
                Path source = Path.of(m.source()).normalize();
                Path root = roots.root(source);
                if (root != null && !source.equals(root) && roots.creatable(m.source()) && !Files.exists(source)) {
                    create(root, source, uid, gid, created);
                }
            }
        }
        return created;
    }

    private static void create(Path root, Path target, int uid, int gid, List<Path> created) throws DeployFailure {
        try {
            Files.createDirectories(root);
            Path current = root;
            for (Path part : root.relativize(target)) {
                current = current.resolve(part);
                if (!Files.exists(current)) {
                    Files.createDirectory(current);
                    own(current, uid, gid);
                    created.add(current);
                }
            }
        } catch (IOException | SecurityException e) {
            throw new DeployFailure("Cannot create the folder " + target + " for a bind mount: " + e.getMessage());
        }
    }

    /**
     * Numeric ids through the unix attribute view: a user-name lookup would fail for ids that have no account on
     * this host. A server that is not root cannot give folders away; they then stay its own, as Docker's would.
     */
    private static void own(Path folder, int uid, int gid) {
        try {
            Files.setAttribute(folder, "unix:uid", uid);
            Files.setAttribute(folder, "unix:gid", gid);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            System.getLogger(BindFolders.class.getName()).log(System.Logger.Level.DEBUG,
                    "Cannot hand " + folder + " to " + uid + ":" + gid + ": " + e.getMessage());
        }
    }
}
