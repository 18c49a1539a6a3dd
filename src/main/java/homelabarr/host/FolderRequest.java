package homelabarr.host;

import java.nio.file.Path;

/** A folder to create under {@code root} (which is created too when missing, owned by root as Docker would). */
public record FolderRequest(Path root, Path target) {
    public FolderRequest {
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException(target + " is not inside " + root);
        }
    }
}
