package homelabarr.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The Docker host's files and sockets seen directly: this server runs on the host. Links are followed one
 * component at a time, dangling ones included, the way the engine follows them when it mounts a path.
 */
final class LocalFiles {
    private static final int MAX_LINKS = 40;
    private static final int TYPE_MASK = 0170000;
    private static final int SOCKET = 0140000;
    private static final int BLOCK_DEVICE = 0060000;
    private final Path procNet;

    LocalFiles(Path procNet) {
        this.procNet = procNet;
    }

    HostFile inspect(String given) {
        Path real;
        try {
            real = resolve(given);
        } catch (IOException e) {
            return HostFile.unresolvable(given, e.getMessage());
        }
        return new HostFile(given, real, kind(real), null);
    }

    private static Path resolve(String raw) throws IOException {
        Path path = Path.of(raw).normalize();
        if (!path.isAbsolute()) {
            return path;
        }
        Path root = path.getRoot();
        Deque<String> parts = new ArrayDeque<>();
        path.forEach(p -> parts.addLast(p.toString()));
        Path resolved = root;
        int links = 0;
        while (!parts.isEmpty()) {
            String part = parts.removeFirst();
            if (part.equals("..")) {
                resolved = resolved.getParent() == null ? root : resolved.getParent();
                continue;
            }
            Path next = resolved.resolve(part);
            if (!Files.isSymbolicLink(next)) {
                resolved = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new IOException("too many symbolic links");
            }
            Path target;
            try {
                target = Files.readSymbolicLink(next);
            } catch (IOException | SecurityException e) {
                throw new IOException("a symbolic link cannot be read");
            }
            Deque<String> rest = new ArrayDeque<>();
            target.forEach(p -> rest.addLast(p.toString()));
            rest.addAll(parts);
            parts.clear();
            parts.addAll(rest);
            if (target.isAbsolute()) {
                resolved = root;
            }
        }
        return resolved;
    }

    private static HostFile.Kind kind(Path path) {
        int type;
        try {
            type = ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & TYPE_MASK;
        } catch (java.nio.file.NoSuchFileException e) {
            return HostFile.Kind.MISSING;
        } catch (IOException | UnsupportedOperationException | SecurityException | IllegalArgumentException e) {
            return Files.isDirectory(path) ? HostFile.Kind.DIRECTORY
                    : Files.exists(path) ? HostFile.Kind.OTHER : HostFile.Kind.MISSING;
        }
        return switch (type) {
            case SOCKET -> HostFile.Kind.SOCKET;
            case BLOCK_DEVICE -> HostFile.Kind.BLOCK_DEVICE;
            case 0040000 -> HostFile.Kind.DIRECTORY;
            case 0100000 -> HostFile.Kind.FILE;
            default -> HostFile.Kind.OTHER;
        };
    }

    /** Creates each missing folder (and its missing parents below the root), handing each new one to uid:gid. */
    List<Path> createFolders(List<FolderRequest> requests, int uid, int gid) throws IOException {
        List<Path> created = new ArrayList<>();
        for (FolderRequest r : requests) {
            Files.createDirectories(r.root());
            Path current = r.root();
            for (Path part : r.root().relativize(r.target())) {
                current = current.resolve(part);
                if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(current);
                    own(current, uid, gid);
                    created.add(current);
                }
            }
        }
        return created;
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
            System.getLogger(LocalFiles.class.getName()).log(System.Logger.Level.DEBUG,
                    "Cannot hand " + folder + " to " + uid + ":" + gid + ": " + e.getMessage());
        }
    }

    /** This process's network namespace's listeners, or empty when /proc/net cannot be read (not Linux). */
    Optional<List<Listener>> listeners() {
        List<Listener> out = new ArrayList<>();
        boolean readAny = false;
        for (String table : ProcNet.TABLES) {
            try {
                out.addAll(ProcNet.listeners(table, Files.readAllLines(procNet.resolve(table))));
                readAny = true;
            } catch (IOException e) {
                // a missing table (no IPv6) leaves the others
            }
        }
        return readAny ? Optional.of(out) : Optional.empty();
    }
}
