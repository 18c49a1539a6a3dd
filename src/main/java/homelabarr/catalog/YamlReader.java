package homelabarr.catalog;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

import java.util.Map;

/**
 * Reads untrusted YAML safely: no custom types, few aliases (no "billion laughs"), bounded size and nesting,
 * no duplicate keys. Plain scalars stay text — {@code yes}, {@code 1.10} and {@code 05432} are strings, as a
 * user writing an environment value means them — except null and the merge key {@code <<}, which work.
 */
final class YamlReader {
    static final int MAX_CODE_POINTS = 256 * 1024;
    private static final int MAX_ALIASES = 20;
    private static final int MAX_DEPTH = 32;

    Map<String, Object> readMap(String text) throws TemplateException {
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            throw new TemplateException("the file is larger than " + MAX_CODE_POINTS / 1024 + " KiB");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new LiteralResolver());
        Object root;
        try {
            root = yaml.load(text);
        } catch (YAMLException e) {
            throw new TemplateException("invalid YAML: " + firstLine(e.getMessage()));
        } catch (StackOverflowError e) {
            throw new TemplateException("invalid YAML: nested too deeply");
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new TemplateException("the file must be a YAML mapping");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new TemplateException("top-level keys must be text");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String compact = message.replaceAll("\\s+", " ").strip();
        return compact.length() > 300 ? compact.substring(0, 300) + "…" : compact;
    }

    /** Resolves only null and the merge key; everything else in plain style stays a string. */
    private static final class LiteralResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
