package homelabarr.deploy.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * An archive of an app's config folders taken before an update (its containers stopped, so the files are at
 * rest), to put them back exactly when the update is rolled back: an app that migrated its config or database on
 * first start of the new version would otherwise not start again in the old one. Owner, group, permissions and
 * times are kept (apps run as PUID/PGID); symbolic links are not followed or archived. Entries are
 * {@code <folder index>/<relative path>}; the comment of each holds {@code mode uid gid}.
 */
final class ConfigSnapshot {
    private final Path archive;
    private final List<Path> folders;
    private final long files;
    private final long bytes;

    private ConfigSnapshot(Path archive, List<Path> folders, long files, long bytes) {
        this.archive = archive;
        this.folders = List.copyOf(folders);
        this.files = files;
        this.bytes = bytes;
    }

    /** What was archived, for the progress stream. */
    String summary() {
        return files + " file(s), " + (bytes / 1024) + " KiB of " + folders;
    }

    /** Archives {@code folders} into {@code archive}; null (nothing taken) when they hold more than {@code maxBytes}. */
    static ConfigSnapshot take(List<Path> folders, Path archive, long maxBytes) throws IOException {
        long[] size = new long[2];
        for (Path folder : folders) {
            try (Stream<Path> all = Files.walk(folder)) {
                all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                    size[0]++;
                    size[1] += p.toFile().length();
                });
            }
        }
        if (size[1] > maxBytes) {
            return null;
        }
        Files.createDirectories(archive.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            for (int i = 0; i < folders.size(); i++) {
                add(zip, folders.get(i), Integer.toString(i));
            }
        }
        return new ConfigSnapshot(archive, folders, size[0], size[1]);
    }

    private static void add(ZipOutputStream zip, Path folder, String prefix) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                zip.putNextEntry(entry(prefix, folder, dir, true));
                zip.closeEntry();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    zip.putNextEntry(entry(prefix, folder, file, false));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static ZipEntry entry(String prefix, Path folder, Path path, boolean dir) throws IOException {
        String relative = folder.relativize(path).toString();
        ZipEntry entry = new ZipEntry(prefix + "/" + relative + (dir && !relative.isEmpty() ? "/" : ""));
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        entry.setComment(Integer.toOctalString((Integer) unix.get("mode") & 07777) + " " + unix.get("uid") + " " + unix.get("gid"));
        entry.setLastModifiedTime((FileTime) unix.get("lastModifiedTime"));
        return entry;
    }

    /** Empties each folder and puts the archived files back, with their owners, permissions and times. */
    void restore() throws IOException {
        for (Path folder : folders) {
            clear(folder);
        }
        List<Runnable> directoryTimes = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            // ZipInputStream does not read the central directory, where comments live: read them from a ZipFile
            Map<String, ZipEntry> withComments = comments();
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                int slash = e.getName().indexOf('/');
                Path folder = folders.get(Integer.parseInt(e.getName().substring(0, slash)));
                Path target = folder.resolve(e.getName().substring(slash + 1)).normalize();
                if (!target.startsWith(folder)) {
                    throw new IOException("Snapshot entry outside its folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        zip.transferTo(out);
                    }
                }
                ZipEntry full = withComments.get(e.getName());
                Runnable attributes = () -> attributes(target, full);
                if (e.isDirectory()) {
                    directoryTimes.add(attributes);
                } else {
                    attributes.run();
                }
            }
        }
        directoryTimes.reversed().forEach(Runnable::run);
    }

    private Map<String, ZipEntry> comments() throws IOException {
        Map<String, ZipEntry> out = new java.util.HashMap<>();
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(archive.toFile())) {
            file.stream().forEach(e -> out.put(e.getName(), e));
        }
        return out;
    }

    private static void attributes(Path target, ZipEntry entry) {
        try {
            String[] parts = entry.getComment().split(" ");
            int mode = Integer.parseInt(parts[0], 8);
            Files.setPosixFilePermissions(target, permissions(mode));
            Files.setAttribute(target, "unix:uid", Integer.parseInt(parts[1]), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", Integer.parseInt(parts[2]), LinkOption.NOFOLLOW_LINKS);
            Files.setLastModifiedTime(target, entry.getLastModifiedTime());
        } catch (IOException | RuntimeException e) {
            // the content is back; an owner this process may not set (not root) is the lesser harm
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder text = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }

    private static void clear(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (!dir.equals(folder)) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    void delete() {
        try {
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            // a leftover archive in DATA_DIR/snapshots is harmless
        }
    }
}
