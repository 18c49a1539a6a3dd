package homelabarr.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The user's own templates in {@code DATA_DIR/apps/myapps/*.yml}. The folder is looked at again at most every
 * couple of seconds, and only files whose size or modification time changed are parsed again, so new or edited
 * templates appear without a restart and at almost no cost per request.
 */
public final class CustomTemplates {
    public static final String CATEGORY = "myapps";
    private static final System.Logger LOG = System.getLogger(CustomTemplates.class.getName());
    private static final Duration RESCAN_EVERY = Duration.ofSeconds(2);
    private static final int MAX_FILES = 500;
    private static final long MAX_BYTES = YamlReader.MAX_CODE_POINTS * 4L;

    private final Path folder;
    private final TemplateParser parser;
    private final Clock clock;
    private final Map<String, Parsed> byFile = new HashMap<>();
    private Instant lastScan = Instant.MIN;
    private State state = new State(List.of(), List.of(), 0);

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

    public synchronized State current() {
        Instant now = clock.instant();
        if (lastScan.plus(RESCAN_EVERY).isAfter(now)) {
            return state;
        }
        lastScan = now;
        boolean changed = false;
        Map<String, Parsed> seen = new HashMap<>();
        for (Path file : files()) {
            String name = file.getFileName().toString();
            try {
                long size = Files.size(file);
                long modified = Files.getLastModifiedTime(file).toMillis();
                Parsed old = byFile.get(name);
                Parsed parsed = old != null && old.size() == size && old.modified() == modified ? old : parse(file, name, size, modified);
                changed |= parsed != old;
                seen.put(name, parsed);
            } catch (IOException e) {
                seen.put(name, new Parsed(-1, -1, null, new TemplateError(name, "cannot be read")));
                changed = true;
            }
        }
        changed |= !seen.keySet().equals(byFile.keySet());
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

    private List<Path> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(f -> f.getFileName().toString().matches(".+\\.ya?ml") && Files.isRegularFile(f))
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
            AppTemplate app = parser.parse(CATEGORY, name, Files.readString(file, StandardCharsets.UTF_8), true);
            return new Parsed(size, modified, app, null);
        } catch (TemplateException | IOException | java.io.UncheckedIOException e) {
            String reason = e instanceof TemplateException ? e.getMessage() : "cannot be read as UTF-8 text";
            LOG.log(System.Logger.Level.WARNING, "Skipping custom template " + fileName + ": " + reason);
            return new Parsed(size, modified, null, new TemplateError(fileName, reason));
        }
    }
}
