package homelabarr;

import homelabarr.catalog.CustomTemplates;
import homelabarr.db.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** DATA_DIR's folders, made before anything is stored in them. */
final class DataDir {
    private static final System.Logger LOG = System.getLogger(DataDir.class.getName());

    private DataDir() {
    }

    /**
     * DATA_DIR is made owner-only (0700) when the server creates it. An existing one keeps its mode: it may be
     * shared on purpose (a backup user, a bind mount), and the files in it that matter are 0600 in any case.
     */
    static void prepare(Path dataDir) {
        try {
            PrivateFiles.folder(dataDir);
            if (PrivateFiles.openToOthers(dataDir)) {
                LOG.log(System.Logger.Level.WARNING, "DATA_DIR can be listed by other local users; its database and "
                        + "key are owner-only, but consider chmod 700 on it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create DATA_DIR", e);
        }
    }

    /** DATA_DIR/apps/myapps (both 0700), created so users see where their own templates go. */
    static Path customTemplates(Path dataDir) {
        Path apps = dataDir.resolve("apps");
        Path folder = apps.resolve(CustomTemplates.CATEGORY);
        try {
            PrivateFiles.folder(apps);
            PrivateFiles.folder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
        return folder;
    }
}
