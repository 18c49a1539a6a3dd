package homelabarr.host;

import homelabarr.docker.Engine;
import homelabarr.docker.HelperRun;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Docker host's files and sockets, reached from inside a container through short-lived helper containers of
 * this server's own image: the engine runs them on the host, where they see the host's files and network. Paths
 * and ids are passed as arguments; the scripts are constants.
 */
final class HelperFiles {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Resolves each path in the host's own root (chroot), walking up to the part that exists. */
    private static final String INSPECT = """
            for p in "$@"; do
              q=$p; rest=
              while [ ! -e "$q" ] && [ ! -L "$q" ] && [ "$q" != / ]; do rest="/${q##*/}$rest"; q=${q%/*}; [ -n "$q" ] || q=/; done
              if ! r=$(readlink -f "$q" 2>/dev/null) || [ -z "$r" ]; then printf 'X\\t%s\\n' "$p"; continue; fi
              r=$r$rest
              if [ -S "$r" ]; then k=S; elif [ -b "$r" ]; then k=B; elif [ -d "$r" ]; then k=D; elif [ -f "$r" ]; then k=F
              elif [ -e "$r" ]; then k=O; else k=M; fi
              printf '%s\\t%s\\n' "$k" "$r"
            done
            """;
    private static final String MKDIRS = """
            uid=$1; gid=$2; shift 2
            for d in "$@"; do
              if [ ! -e "$d" ] && [ ! -L "$d" ]; then mkdir "$d" && chown "$uid:$gid" "$d" && printf '%s\\n' "$d" || exit 1; fi
            done
            """;
    private static final String TABLES = """
            for t in tcp tcp6 udp udp6; do
              [ -r /proc/net/$t ] || continue
              while IFS= read -r line; do printf '%s %s\\n' "$t" "$line"; done < /proc/net/$t
            done
            """;
    private final Engine engine;
    private final String image;

    HelperFiles(Engine engine, String image) {
        this.engine = engine;
        this.image = image;
    }

    Map<String, HostFile> inspect(List<String> paths) throws IOException {
        List<String> command = new ArrayList<>(List.of("chroot", "/host", "/bin/sh", "-c", INSPECT, "sh"));
        command.addAll(paths);
        HelperRun.Result result = run(new HelperRun(image, command, "0", List.of("/:/host:ro"), "none", TIMEOUT));
        String[] lines = result.output().split("\n");
        if (result.exitCode() != 0 || lines.length < paths.size()) {
            throw new IOException("the host's files could not be inspected (helper exit " + result.exitCode() + ")");
        }
        Map<String, HostFile> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            String[] fields = lines[i].split("\t", 2);
            String given = paths.get(i);
            out.put(given, fields[0].equals("X") || fields.length < 2
                    ? HostFile.unresolvable(given, "its links cannot be followed")
                    : new HostFile(given, Path.of(fields[1]).normalize(), kind(fields[0]), null));
        }
        return out;
    }

    List<Path> createFolders(List<FolderRequest> requests, int uid, int gid) throws IOException {
        Set<String> roots = new LinkedHashSet<>();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", MKDIRS, "sh", Integer.toString(uid),
                Integer.toString(gid)));
        for (FolderRequest r : requests) {
            roots.add(r.root().toString());
            Path current = r.root();
            for (Path part : r.root().relativize(r.target())) {
                current = current.resolve(part);
                command.add(current.toString());
            }
        }
        // each root at its own path: the helper sees nothing else of the host (a link out of a root leads nowhere)
        List<String> binds = roots.stream().map(root -> root + ":" + root).toList();
        HelperRun.Result result = run(new HelperRun(image, command, "0", binds, "none", TIMEOUT));
        if (result.exitCode() != 0) {
            throw new IOException("folders could not be created on the Docker host (helper exit " + result.exitCode() + ")");
        }
        return result.output().lines().filter(l -> !l.isBlank()).map(Path::of).toList();
    }

    Optional<List<Listener>> listeners() {
        HelperRun.Result result;
        try {
            result = run(new HelperRun(image, List.of("/bin/sh", "-c", TABLES), "65534", List.of(), "host", TIMEOUT));
        } catch (IOException e) {
            return Optional.empty();
        }
        List<Listener> out = new ArrayList<>();
        result.output().lines().forEach(line -> {
            int space = line.indexOf(' ');
            if (space > 0) {
                String table = line.substring(0, space);
                ProcNet.parse(line.substring(space + 1), table.startsWith("tcp") ? "tcp" : "udp").ifPresent(out::add);
            }
        });
        return result.exitCode() == 0 ? Optional.of(out) : Optional.empty();
    }

    private HelperRun.Result run(HelperRun helper) throws IOException {
        try {
            return engine.runHelper(helper);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (RuntimeException e) {
            throw new IOException("the Docker Engine refused a helper container: " + e.getClass().getSimpleName());
        }
    }

    private static HostFile.Kind kind(String code) {
        return switch (code) {
            case "S" -> HostFile.Kind.SOCKET;
            case "B" -> HostFile.Kind.BLOCK_DEVICE;
            case "D" -> HostFile.Kind.DIRECTORY;
            case "F" -> HostFile.Kind.FILE;
            case "M" -> HostFile.Kind.MISSING;
            default -> HostFile.Kind.OTHER;
        };
    }
}
