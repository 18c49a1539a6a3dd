package homelabarr.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files in DATA_DIR hold password hashes, sessions and the signing key, so they are created for the server's user
 * only (folders 0700, files 0600) whatever the process umask is. A new file gets its permissions as it is created,
 * not after, so there is no moment when another local user could open it; an existing one that is too open is
 * narrowed. On a file system without POSIX permissions (not Linux) files are created as the platform does.
 */
public final class PrivateFiles {
    static final Set<PosixFilePermission> FOLDER = Set.copyOf(PosixFilePermissions.fromString("rwx------"));
    static final Set<PosixFilePermission> FILE = Set.copyOf(PosixFilePermissions.fromString("rw-------"));
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** Creates {@code folder} (0700) when missing; missing parents get the platform's default. Existing ones stay. */
    public static void folder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute, attribute(absolute, FOLDER));
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
    }

    /**
     * Makes sure {@code file} exists and only its owner can use it: a missing one is created empty (0600), an
     * existing one that others could read or write is narrowed to 0600. True when it had to be narrowed.
     */
    public static boolean file(Path file) throws IOException {
        try {
            Files.createFile(file, attribute(file, FILE));
            return false;
        } catch (FileAlreadyExistsException exists) {
            return restrict(file);
        }
    }

    /** Narrows an existing file that others could use to 0600; a missing file is fine. True when it was narrowed. */
    public static boolean restrict(Path file) throws IOException {
        if (!posix(file) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!openToOthers(file)) {
            return false;
        }
        Files.setPosixFilePermissions(file, FILE);
        return true;
    }

    /** True when group or others have any permission on {@code path} (false where permissions are not POSIX). */
    public static boolean openToOthers(Path path) throws IOException {
        if (!posix(path)) {
            return false;
        }
        Set<PosixFilePermission> granted = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return granted.stream().anyMatch(GROUP_OR_OTHERS::contains);
    }

    /**
     * Creates {@code target} (0600) holding {@code content}, written beside it first and then moved into place, so
     * a crash or a full disk leaves no file rather than a half-written one. Throws
     * {@link FileAlreadyExistsException} when the target exists (another process made it first).
     */
    public static void create(Path target, byte[] content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp", attribute(parent, FILE));
        try {
            Files.write(temp, content);
            Files.move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] attribute(Path path, Set<PosixFilePermission> permissions) {
        return posix(path) ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
