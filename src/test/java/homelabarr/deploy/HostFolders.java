package homelabarr.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Folders of the host the sweep watches, so it notices a deployment that makes the engine create a folder outside
 * the app folder (a bind mount of a missing host path). Two views: the folders a plan's own bind mounts would
 * create ({@link #missing}), checked around each deployment (the faults), and the first level of common roots,
 * compared before and after the whole run and only reported, since other programs on a shared machine (package
 * installs, other tests) make folders there too. /tmp and /var/tmp are left out.
 */
final class HostFolders {
    private static final List<Path> ROOTS = List.of(Path.of("/"), Path.of("/srv"), Path.of("/mnt"), Path.of("/media"),
            Path.of("/opt"), Path.of("/home"), Path.of("/etc"), Path.of("/run"), Path.of("/var"), Path.of("/var/lib"),
            Path.of("/usr/local"), Path.of("/usr/share"), Path.of("/lib"));

    private HostFolders() {
    }

    static Map<String, Set<String>> snapshot() {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Path root : ROOTS) {
            Set<String> names = new TreeSet<>();
            try (Stream<Path> list = Files.list(root)) {
                list.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
            } catch (IOException e) {
                // a root this host does not have
            }
            out.put(root.toString(), names);
        }
        return out;
    }

    static List<String> created(Map<String, Set<String>> before, Map<String, Set<String>> after) {
        List<String> out = new ArrayList<>();
        after.forEach((root, names) -> names.forEach(n -> {
            if (!before.getOrDefault(root, Set.of()).contains(n)) {
                out.add(Path.of(root).resolve(n).toString());
            }
        }));
        return out;
    }

    /** The folders that do not exist yet on the way to {@code source}, outermost first. */
    static List<Path> missing(Path source) {
        List<Path> out = new ArrayList<>();
        for (Path p = source.normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            out.addFirst(p);
        }
        return out;
    }

    /** Of the folders that were missing, those that exist now; emptied ones are removed again (innermost first). */
    static List<Path> createdSince(List<Path> missing) {
        List<Path> created = missing.stream().filter(Files::isDirectory).toList();
        for (Path p : created.reversed()) {
            try (Stream<Path> entries = Files.list(p)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                // not empty or not ours to remove: reported all the same
            }
        }
        return created;
    }
}
