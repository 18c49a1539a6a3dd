package homelabarr.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an app's secret settings back out of what one of its containers runs with. Templates put secrets into
 * environment entries ({@code PASSWORD: "${DB_PASSWORD}"}, {@code DSN: "postgres://app:${DB_PASSWORD}@db/app"}), and
 * the engine reports the rendered values, so matching each entry's template against its value gives the secret.
 * A redeploy uses it to keep a generated password; the log routes use it to mask the secrets in container output.
 */
public final class RenderedSecrets {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)[^}]*}");

    private RenderedSecrets() {
    }

    /** Secret setting key to value, for the secrets that {@code service}'s rendered environment {@code env} shows. */
    public static Map<String, String> settings(AppTemplate app, String service, Map<String, String> env) {
        Map<String, Setting> secrets = secretSettings(app);
        Map<String, String> found = new HashMap<>();
        templateEnv(app, service).forEach((name, template) -> {
            if (env.containsKey(name)) {
                recover(template, env.get(name), secrets, found);
            }
        });
        return found;
    }

    /** The names of {@code service}'s environment entries whose template refers to a secret setting. */
    public static Set<String> secretEntries(AppTemplate app, String service) {
        Set<String> secretKeys = secretSettings(app).keySet();
        Set<String> names = new LinkedHashSet<>();
        templateEnv(app, service).forEach((name, template) -> {
            if (Variables.references(template).stream().anyMatch(secretKeys::contains)) {
                names.add(name);
            }
        });
        return names;
    }


    private static Map<String, Setting> secretSettings(AppTemplate app) {
        Map<String, Setting> secrets = new HashMap<>();
        app.allSettings().stream().filter(Setting::secret).forEach(s -> secrets.put(s.key(), s));
        return secrets;
    }

    /** Matches {@code template} (with ${VARS}) against the value it produced and keeps the secrets' parts. */
    private static void recover(String template, String value, Map<String, Setting> secrets, Map<String, String> found) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder regex = new StringBuilder();
        List<String> groups = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("(.*?)");
            groups.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        if (groups.isEmpty()) {
            return;
        }
        Matcher v = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value);
        if (!v.matches()) {
            return;
        }
        for (int i = 0; i < groups.size(); i++) {
            Setting s = secrets.get(groups.get(i));
            if (s != null && !v.group(i + 1).isEmpty()) {
                found.putIfAbsent(s.key(), v.group(i + 1));
            }
        }
    }

    /** The environment of {@code service} as the template writes it: a map or a list of {@code NAME=value}. */
    private static Map<String, String> templateEnv(AppTemplate app, String service) {
        Map<String, String> out = new HashMap<>();
        if (service == null || !(app.compose().get("services") instanceof Map<?, ?> services)
                || !(services.get(service) instanceof Map<?, ?> definition)) {
            return out;
        }
        Object node = definition.get("environment");
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (node instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                if (eq > 0) {
                    out.put(text.substring(0, eq), text.substring(eq + 1));
                }
            }
        }
        return out;
    }
}
