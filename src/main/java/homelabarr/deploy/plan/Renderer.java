package homelabarr.deploy.plan;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.ComposeModel.ComposeFile;
import homelabarr.catalog.ComposeParser;
import homelabarr.catalog.TemplateException;
import homelabarr.catalog.Variables;
import homelabarr.errors.Refused;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills a template's variables from the deployment's own settings (never the server's environment; the only
 * server values are the proxy names of {@link homelabarr.catalog.ServerValues}) and parses the result. The
 * {@link Planner} then names, labels and routes what it describes.
 */
public final class Renderer {
    private final ComposeParser parser = new ComposeParser();
    private final ProxySettings proxy;

    public Renderer(ProxySettings proxy) {
        this.proxy = proxy;
    }

    /** The template with {@code values} (the deployment's settings) and the server's values filled in. */
    public ComposeFile compose(AppTemplate app, Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.putAll(proxy.serverValues());
        Object tree;
        try {
            tree = Variables.interpolateTree(app.compose(), all);
        } catch (Variables.VariableException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            throw colon > 0 && message.substring(0, colon).matches("[A-Za-z_][A-Za-z0-9_]*")
                    ? Refused.invalidField("config." + message.substring(0, colon), message.substring(colon + 1).strip())
                    : Refused.invalid("Invalid settings", message);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) tree;
            return parser.parse(map);
        } catch (TemplateException e) {
            throw Refused.invalid("Invalid settings", "With these settings the template is not valid: "
                    + e.getMessage());
        }
    }
}
