package homelabarr.db;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.OptionalInt;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema migrations (db/migration, applied by Flyway). Flyway's own start (its configuration, the scan of the
 * class path, the history check) cost a large share of the server's start-up CPU on every restart, though after
 * the first start of a version there is nothing to apply. So the history table is read first with plain JDBC: when
 * every migration succeeded and the newest applied one is the newest bundled one, Flyway is not started at all.
 * In every other case (a new database, a newer bundled migration, a failed or a future one, a history that cannot
 * be read) Flyway runs exactly as it would have, and decides.
 */
final class Migrations {
    private static final String FOLDER = "db/migration";
    private static final Pattern FILE = Pattern.compile("V(\\d+)__[^/]*\\.sql");

    private Migrations() {
    }

    static void apply(DataSource source) {
        OptionalInt bundled = newestBundled();
        if (bundled.isPresent() && newestApplied(source).equals(bundled)) {
            return;
        }
        Flyway.configure().dataSource(source).locations("classpath:" + FOLDER).load().migrate();
    }

    /** The newest version the history holds, or empty when a migration failed or the history cannot be read. */
    static OptionalInt newestApplied(DataSource source) {
        try (Connection c = source.getConnection(); Statement st = c.createStatement();
             ResultSet rows = st.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            int newest = -1;
            while (rows.next()) {
                String version = rows.getString(1);
                if (!rows.getBoolean(2)) {
                    return OptionalInt.empty();
                }
                if (version != null) {
                    newest = Math.max(newest, Integer.parseInt(version));
                }
            }
            return newest < 0 ? OptionalInt.empty() : OptionalInt.of(newest);
        } catch (SQLException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The newest migration on the class path: entries of the jar the server runs from, or files of the classes
     * folder under tests. Empty when neither can be listed (then Flyway runs).
     */
    static OptionalInt newestBundled() {
        URL folder = Migrations.class.getClassLoader().getResource(FOLDER);
        if (folder == null) {
            return OptionalInt.empty();
        }
        try {
            return switch (folder.getProtocol()) {
                case "jar" -> newestIn(((JarURLConnection) folder.openConnection()).getJarFileURL());
                case "file" -> newest(listed(Path.of(folder.toURI())));
                default -> OptionalInt.empty();
            };
        } catch (IOException | URISyntaxException | UncheckedIOException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalInt newestIn(URL jarFile) throws IOException, URISyntaxException {
        try (JarFile jar = new JarFile(Path.of(jarFile.toURI()).toFile())) {
            Stream.Builder<String> names = Stream.builder();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.startsWith(FOLDER + "/")) {
                    names.add(name.substring(FOLDER.length() + 1));
                }
            }
            return newest(names.build());
        }
    }

    private static Stream<String> listed(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OptionalInt newest(Stream<String> names) {
        return names.map(FILE::matcher).filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max();
    }
}
