package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.Setting;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a redeploy starts from: the previous successful deployment's settings, overlaid by the request's. Secrets
 * are stored masked, so they are read back from the running containers' environment (where a template writes
 * {@code PASSWORD: "${DB_PASSWORD}"} or {@code DSN: "postgres://app:${DB_PASSWORD}@db/app"}); otherwise a
 * redeploy would generate a new database password that the existing data does not accept.
 */
final class PreviousSettings {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)[^}]*}");
    private final DockerClient docker;
    private final DeploymentStore store;

    PreviousSettings(DockerClient docker, DeploymentStore store) {
        this.docker = docker;
        this.store = store;
    }

    /** The request's config on top of what the app runs with now. */
    Map<String, Object> merge(AppTemplate app, Map<String, Object> requested) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Setting> known = new HashMap<>();
        app.allSettings().forEach(s -> known.put(s.key(), s));
        store.list(app.id(), DeploymentStatus.SUCCEEDED.wireName(), 1).stream().findFirst().ifPresent(d ->
                d.settings().forEach((k, v) -> {
                    if (known.containsKey(k) && !known.get(k).secret()) {
                        merged.put(k, v);
                    }
                }));
        try {
            secrets(app, known).forEach(merged::put);
        } catch (RuntimeException e) {
            throw homelabarr.http.ApiException.unavailable("Docker Engine unavailable",
                    "A redeploy reads the running app's settings from the Docker Engine, which does not answer");
        }
        if (requested.containsKey(SettingsResolver.ID)) {
            merged.remove("PUID");
            merged.remove("PGID");
        }
        merged.putAll(requested);
        return merged;
    }

    private Map<String, String> secrets(AppTemplate app, Map<String, Setting> known) {
        Map<String, String> found = new HashMap<>();
        Map<String, Map<String, String>> envByService = new HashMap<>();
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Plan.LABEL_APP + "=" + app.id())).exec()) {
            InspectContainerResponse info = docker.inspectContainerCmd(c.getId()).exec();
            Map<String, String> env = new HashMap<>();
            for (String entry : info.getConfig().getEnv() == null ? new String[0] : info.getConfig().getEnv()) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            envByService.put(c.getLabels().get(Plan.LABEL_SERVICE), env);
        }
        if (!(app.compose().get("services") instanceof Map<?, ?> services)) {
            return found;
        }
        services.forEach((service, def) -> {
            Map<String, String> running = envByService.get(String.valueOf(service));
            if (running != null && def instanceof Map<?, ?> d) {
                templateEnv(d.get("environment")).forEach((name, template) -> {
                    if (running.containsKey(name)) {
                        recover(template, running.get(name), known, found);
                    }
                });
            }
        });
        return found;
    }

    /** Matches {@code template} (with ${VARS}) against the value it produced and keeps the secrets' parts. */
    private static void recover(String template, String value, Map<String, Setting> known, Map<String, String> found) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder regex = new StringBuilder();
        List<String> groups = new java.util.ArrayList<>();
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
            Setting s = known.get(groups.get(i));
            if (s != null && s.secret() && !v.group(i + 1).isEmpty()) {
                found.putIfAbsent(s.key(), v.group(i + 1));
            }
        }
    }

    private static Map<String, String> templateEnv(Object node) {
        Map<String, String> out = new HashMap<>();
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
