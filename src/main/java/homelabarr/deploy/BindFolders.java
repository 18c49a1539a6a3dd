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
 * Creates missing bind-mount folders under APPFOLDER owned by PUID:PGID before the containers exist. Left to
 * Docker, they would be created owned by root, and the many images that run as PUID could not write their own
 * config folder. Only done when this server sees the Docker host's file system: the engine is on a local socket
 * and calls itself by this machine's host name (a server in its own container has another one). Folders outside
 * APPFOLDER (media libraries) and existing folders are never touched, so no data changes owner.
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

    List<Path> prepare(Plan plan, Map<String, String> settings) throws DeployFailure {
        String appFolder = settings.get("APPFOLDER");
        if (appFolder == null || !sameHost()) {
            return List.of();
        }
        Path root = Path.of(appFolder).normalize();
        int uid = Integer.parseInt(settings.getOrDefault("PUID", "1000"));
        int gid = Integer.parseInt(settings.getOrDefault("PGID", "1000"));
        List<Path> created = new ArrayList<>();
        for (ContainerSpec c : plan.containers()) {
            for (VolumeMount m : c.definition().volumes()) {
                if (m.type() != MountType.BIND) {
                    continue;
                }
                Path source = Path.of(m.source()).normalize();
                if (source.startsWith(root) && !source.equals(root) && !Files.exists(source)) {
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
