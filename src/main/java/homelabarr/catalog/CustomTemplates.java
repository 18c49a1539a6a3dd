package homelabarr.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The user's own templates in {@code DATA_DIR/apps/myapps/*.yml}. The folder is looked at again at most every
 * couple of seconds, and only files whose size or modification time changed are parsed again, so new or edited
 * templates appear without a restart and at almost no cost per request. Symbolic links are refused, not followed:
 * the folder is the user's, but what a link points to may be anyone's.
 */
public final class CustomTemplates {
    public static final String CATEGORY = "myapps";
    private static final System.Logger LOG = System.getLogger(CustomTemplates.class.getName());
    private static final Duration RESCAN_EVERY = Duration.ofSeconds(2);
    private static final int MAX_FILES = 500;
    private static final long MAX_BYTES = YamlReader.MAX_CODE_POINTS * 4L;
    private static final String LINK_REFUSED = "is a symbolic link, which is not followed: put the template file itself here";

    private final Path folder;
    private final TemplateParser parser;
    private final Clock clock;
    private final Map<String, Parsed> byFile = new HashMap<>();
    /** Read without the lock: every catalog request asks for the state, and 50 at once queued on it. */
    private volatile Instant nextScan = Instant.MIN;
    private volatile State state = new State(List.of(), List.of(), 0);

    private record Parsed(long size, long modified, AppTemplate app, TemplateError error) {
    }

    /** What the folder holds now; {@code generation} changes whenever it does. */
    public record State(List<AppTemplate> apps, List<TemplateError> errors, long generation) {
    }

    public CustomTemplates(Path folder, TemplateParser parser, Clock clock) {
        this.folder = folder;
        this.parser = parser;
        this.clock = clock;
    }

    public State current() {
        return nextScan.isAfter(clock.instant()) ? state : rescan();
    }

    private synchronized State rescan() {
        Instant now = clock.instant();
        if (nextScan.isAfter(now)) {
            return state;  // another caller scanned while this one waited for the lock
        }
        nextScan = now.plus(RESCAN_EVERY);
        Map<String, Parsed> seen = new HashMap<>();
        if (Files.isSymbolicLink(folder)) {
            seen.put(CATEGORY + "/", refused(CATEGORY, byFile.get(CATEGORY + "/")));
        } else {
            for (Path file : files()) {
                String name = file.getFileName().toString();
                Parsed parsed = scan(file, name, byFile.get(name));
                if (parsed != null) {
                    seen.put(name, parsed);
                }
            }
        }
        boolean changed = !seen.keySet().equals(byFile.keySet())
                || seen.entrySet().stream().anyMatch(e -> e.getValue() != byFile.get(e.getKey()));
        if (changed) {
            byFile.clear();
            byFile.putAll(seen);
            List<AppTemplate> apps = new ArrayList<>();
            List<TemplateError> errors = new ArrayList<>();
            seen.values().forEach(p -> {
                if (p.app() != null) {
                    apps.add(p.app());
                } else {
                    errors.add(p.error());
                }
            });
            errors.sort(java.util.Comparator.comparing(TemplateError::file));
            state = new State(List.copyOf(apps), List.copyOf(errors), state.generation() + 1);
        }
        return state;
    }

    /**
     * One entry of the folder, looked at without following links: a symbolic link is refused by name (it could
     * point at /etc/shadow, whose lines a YAML error would quote), a folder is skipped, a file parsed when new or
     * changed. Null for entries that are not templates.
     */
    private Parsed scan(Path file, String name, Parsed old) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return new Parsed(-1, -1, null, new TemplateError(name, "cannot be read"));
        }
        if (attributes.isSymbolicLink()) {
            return refused(name, old);
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        return old != null && old.size() == size && old.modified() == modified ? old : parse(file, name, size, modified);
    }

    /** The same refusal as last time is kept as it was, so an unchanged folder does not count as a change. */
    private static Parsed refused(String name, Parsed old) {
        Parsed refused = new Parsed(-1, -1, null, new TemplateError(name, LINK_REFUSED));
        return refused.equals(old) ? old : refused;
    }

    private List<Path> files() {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(f -> f.getFileName().toString().matches(".+\\.ya?ml"))
                    .sorted().limit(MAX_FILES).toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot list custom templates: " + e.getMessage());
            return List.of();
        }
    }

    private Parsed parse(Path file, String fileName, long size, long modified) {
        try {
            if (size > MAX_BYTES) {
                throw new TemplateException("the file is larger than " + MAX_BYTES / 1024 + " KiB");
            }
            String name = fileName.replaceFirst("\\.ya?ml$", "");
            AppTemplate app = parser.parse(CATEGORY, name, read(file), true);
            return new Parsed(size, modified, app, null);
        } catch (TemplateException e) {
            LOG.log(System.Logger.Level.WARNING, "Skipping custom template " + fileName + ": " + e.getMessage());
            return new Parsed(size, modified, null, new TemplateError(fileName, e.getMessage()));
        }
    }

    /**
     * The file's text, opened without following a link (O_NOFOLLOW), so a file swapped for a link after the scan
     * looked at it is not read either; and it must still be in the folder (the folder itself was not swapped).
     */
    private String read(Path file) throws TemplateException {
        byte[] bytes;
        try {
            if (!file.toRealPath().getParent().equals(folder.toRealPath())) {
                throw new TemplateException("is not inside myapps");
            }
            try (SeekableByteChannel channel = Files.newByteChannel(file,
                    Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
                 InputStream in = Channels.newInputStream(channel)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
        } catch (IOException e) {
            throw new TemplateException(Files.isSymbolicLink(file) ? LINK_REFUSED : "cannot be read");
        }
        if (bytes.length > MAX_BYTES) {
            throw new TemplateException("the file is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TemplateException("cannot be read as UTF-8 text");
        }
    }
}
