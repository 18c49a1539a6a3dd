package homelabarr.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import homelabarr.catalog.ComposeModel.ComposeFile;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and checks one template file; any problem becomes a {@link TemplateException} with a reason. */
public final class TemplateParser {
    private static final String BLOCK = "x-homelabarr";
    private final YamlReader yaml = new YamlReader();
    private final ComposeParser compose = new ComposeParser();
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param category the folder the file is in ({@code myapps} for custom templates)
     * @param name     the file name without {@code .yml}
     */
    public AppTemplate parse(String category, String name, String text, boolean custom) throws TemplateException {
        if (AppId.parse(name).isEmpty()) {
            throw new TemplateException("file name must be lowercase letters, digits and '-' (it becomes the app id)");
        }
        Map<String, Object> tree = yaml.readMap(text);
        Object block = tree.get(BLOCK);
        if (!(block instanceof Map<?, ?>)) {
            throw new TemplateException("the " + BLOCK + " block is missing");
        }
        AppInfo info = readInfo(block, category, custom);
        Map<String, Object> composeTree = new LinkedHashMap<>(tree);
        composeTree.remove(BLOCK);
        TemplateRules.checkInfo(info, category, custom);
        info = TemplateRules.resolveWebPort(info);
        TemplateRules.checkVariables(info, composeTree);
        TemplateRules.checkScripts(info, composeTree);
        ComposeFile defaults = compose.parse(withDefaults(info, composeTree));
        for (ComposeModel.Service service : defaults.services().values()) {
            ImageRef.parse(service.image());
        }
        info = TemplateRules.checkRisk(info, defaults, custom);
        TemplateRules.checkWebUi(info, defaults);
        return new AppTemplate(category + "-" + name, custom, info, deepCopy(composeTree), defaults);
    }

    private AppInfo readInfo(Object block, String category, boolean custom) throws TemplateException {
        Map<String, Object> fields = new LinkedHashMap<>();
        ((Map<?, ?>) block).forEach((k, v) -> fields.put(String.valueOf(k), v));
        if (custom) {
            fields.put("category", category);
        }
        try {
            return mapper.convertValue(fields, AppInfo.class);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
                throw new TemplateException(BLOCK + ": unknown field '" + unknown.getPropertyName() + "'");
            }
            String message = e.getMessage() == null ? "" : e.getMessage().split("\n")[0].replaceAll("\\(.*?\\)", "").strip();
            throw new TemplateException(BLOCK + ": " + (message.length() > 200 ? message.substring(0, 200) : message));
        }
    }

    private static Map<String, Object> withDefaults(AppInfo info, Map<String, Object> composeTree) throws TemplateException {
        Map<String, String> values = new LinkedHashMap<>();
        StandardSettings.ALL.forEach(s -> values.put(s.key(), s.defaultValue()));
        values.putAll(ServerValues.DEFAULTS);
        info.settings().forEach(s -> values.put(s.key(), SettingValues.placeholder(s)));
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> rendered = (Map<String, Object>) Variables.interpolateTree(composeTree, values);
            return rendered;
        } catch (Variables.VariableException e) {
            throw new TemplateException(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> tree) {
        return (Map<String, Object>) freeze(tree);
    }

    private static Object freeze(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, freeze(v)));
            return java.util.Collections.unmodifiableMap(copy);
        }
        if (node instanceof java.util.List<?> list) {
            return list.stream().map(TemplateParser::freeze).toList();
        }
        return node;
    }
}
