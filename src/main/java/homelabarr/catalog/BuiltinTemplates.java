package homelabarr.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Loads the templates shipped inside the application ({@code /catalog/<category>/<name>.yml} on the classpath). */
public final class BuiltinTemplates {
    private static final System.Logger LOG = System.getLogger(BuiltinTemplates.class.getName());

    public record Loaded(List<AppTemplate> apps, List<TemplateError> errors) {
    }

    public Loaded load(TemplateParser parser) {
        URL root = BuiltinTemplates.class.getResource("/catalog");
        if (root == null) {
            LOG.log(System.Logger.Level.WARNING, "No built-in catalog found on the classpath");
            return new Loaded(List.of(), List.of());
        }
        try {
            URI uri = root.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return loadFrom(jar.getPath("/catalog"), parser);
                }
            }
            return loadFrom(Path.of(uri), parser);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the built-in catalog", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads every {@code <category>/<name>.yml} under {@code root}; broken files are reported, not fatal. */
    public Loaded loadFrom(Path root, TemplateParser parser) throws IOException {
        List<AppTemplate> apps = new ArrayList<>();
        List<TemplateError> errors = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList()) {
                if (file.getNameCount() - root.getNameCount() != 2) {
                    continue;
                }
                String category = file.getParent().getFileName().toString();
                String name = file.getFileName().toString().replaceFirst("\\.yml$", "");
                try {
                    apps.add(parser.parse(category, name, Files.readString(file, StandardCharsets.UTF_8), false));
                } catch (TemplateException e) {
                    LOG.log(System.Logger.Level.ERROR, "Skipping built-in template " + category + "/" + name + ".yml: " + e.getMessage());
                    errors.add(new TemplateError(category + "/" + name + ".yml", e.getMessage()));
                }
            }
        }
        return new Loaded(List.copyOf(apps), List.copyOf(errors));
    }
}
