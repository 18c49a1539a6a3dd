package homelabarr.db;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * SQLite's native library, kept in DATA_DIR. The driver otherwise copies it out of its jar into the temp folder on
 * every start under a fresh name, compares the copy with the jar's byte for byte and deletes it at exit: about a
 * tenth of a second of CPU per start, for a file that never changes within one driver version. It is copied once
 * per driver version and platform into DATA_DIR/native (0700, like the database beside it, so nobody else can
 * swap it), written under a temporary name and moved into place so that a start never sees half a file. The driver
 * is pointed at it through its documented org.sqlite.lib.path/name properties; when the copy cannot be made or
 * loaded, the driver falls back to its own extraction.
 */
final class SqliteLibrary {
    private static final System.Logger LOG = System.getLogger(SqliteLibrary.class.getName());

    private SqliteLibrary() {
    }

    static void keepIn(Path dataDir) {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return; // chosen by whoever started the JVM, or already set by an earlier database in this process
        }
        try {
            copyIn(dataDir).ifPresent(library -> {
                System.setProperty("org.sqlite.lib.name", library.getFileName().toString());
                System.setProperty("org.sqlite.lib.path", library.getParent().toAbsolutePath().toString());
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "SQLite's library stays with the driver's own extraction", e);
        }
    }

    /** The library's copy in {@code dataDir}, made when missing; empty when the driver has none for this platform. */
    static Optional<Path> copyIn(Path dataDir) throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        String name = "sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-"
                + resource.replaceAll("[^A-Za-z0-9._]+", "-").replaceFirst("^-", "");
        Path folder = dataDir.resolve("native");
        PrivateFiles.folder(folder);
        Path library = folder.resolve(name);
        return Files.isRegularFile(library) || copy(resource, library) ? Optional.of(library) : Optional.empty();
    }

    private static boolean copy(String resource, Path library) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Path partial = Files.createTempFile(library.getParent(), "partial-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(partial)) { // keeps the temp file's 0600
                    in.transferTo(out);
                }
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        }
    }
}
