package homelabarr.deploy.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a deployment may have missing bind-mount folders created: under the app folder and the deploy policy's
 * data roots. Anywhere else a missing host path is an error, never an empty root-owned folder made by the engine
 * (which is what a plain bind does: a sweep of the catalog left /run/utmp and /lib/modules behind as folders).
 */
public record FolderRoots(List<Path> roots) {
    /** Names that are files, not folders: a missing one is never created as a folder. */
    private static final Pattern FILE_NAME = Pattern.compile(".*\\.(ya?ml|json|conf|cfg|ini|toml|xml|env|txt|db|sqlite3?"
            + "|sock|pem|crt|key|js|php|properties|lock|pid|log|htpasswd)$|.*/(utmp|wtmp|localtime|timezone|machine-id|hosts"
            + "|passwd|group|shadow|os-release)$");

    public FolderRoots {
        roots = List.copyOf(roots);
    }

    public static FolderRoots of(String appFolder, List<String> allowedRoots) {
        List<Path> roots = new ArrayList<>();
        if (appFolder != null) {
            roots.add(Path.of(appFolder).normalize());
        }
        allowedRoots.stream().map(r -> Path.of(r).normalize()).filter(r -> !roots.contains(r)).forEach(roots::add);
        return new FolderRoots(roots);
    }

    /** Whether a missing {@code source} may be created as a folder. */
    public boolean creatable(String source) {
        Path path = Path.of(source).normalize();
        return !looksLikeFile(path) && root(path) != null;
    }

    /** The root {@code path} lies in, or null. */
    public Path root(Path path) {
        return roots.stream().filter(path::startsWith).findFirst().orElse(null);
    }

    public static boolean looksLikeFile(Path path) {
        return FILE_NAME.matcher(path.toString()).matches();
    }
}
