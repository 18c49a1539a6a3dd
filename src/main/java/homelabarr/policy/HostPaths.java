package homelabarr.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Host paths as the Docker Engine will see them. The engine follows symbolic links in a bind source, so a link
 * planted inside an allowed folder (by a container that can write there) could point at the Docker socket; links
 * are therefore followed here the same way, one component at a time, dangling ones included. This works when the
 * server sees the Docker host's file system (a local engine); otherwise paths are judged as written.
 */
public final class HostPaths {
    private static final int MAX_LINKS = 40;
    private static final int TYPE_MASK = 0170000;
    private static final int SOCKET = 0140000;
    private static final int BLOCK_DEVICE = 0060000;
    private final boolean visible;

    /** A path whose links cannot be followed: a loop, or a part that cannot be read. */
    public static final class UnresolvablePathException extends Exception {
        UnresolvablePathException(String message) {
            super(message, null, false, false);
        }
    }

    /** @param visible whether this process sees the Docker host's file system */
    public HostPaths(boolean visible) {
        this.visible = visible;
    }

    /** The absolute, normalized path with every symbolic link along it followed. */
    public Path resolve(String raw) throws UnresolvablePathException {
        Path path = Path.of(raw).normalize();
        if (!visible || !path.isAbsolute()) {
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
                throw new UnresolvablePathException("too many symbolic links");
            }
            Path target;
            try {
                target = Files.readSymbolicLink(next);
            } catch (IOException | SecurityException e) {
                throw new UnresolvablePathException("a symbolic link cannot be read");
            }
            Deque<String> rest = new ArrayDeque<>();
            target.forEach(p -> rest.addLast(p.toString()));
            parts.forEach(rest::addLast);
            parts.clear();
            parts.addAll(rest);
            if (target.isAbsolute()) {
                resolved = root;
            }
        }
        return resolved;
    }

    public boolean isSocket(Path path) {
        return fileType(path) == SOCKET;
    }

    public boolean isBlockDevice(Path path) {
        return fileType(path) == BLOCK_DEVICE;
    }

    private int fileType(Path path) {
        if (!visible) {
            return 0;
        }
        try {
            return ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & TYPE_MASK;
        } catch (IOException | UnsupportedOperationException | SecurityException | IllegalArgumentException e) {
            return 0;
        }
    }
}
