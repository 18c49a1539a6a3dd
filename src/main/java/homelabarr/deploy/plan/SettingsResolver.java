package homelabarr.deploy.plan;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.Setting;
import homelabarr.catalog.SettingType;
import homelabarr.catalog.SettingValues;
import homelabarr.errors.Refused;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request's {@code config} into the values a template is rendered with: the user's values, then the
 * template's defaults and the standard settings' defaults, then generated secrets. Every problem is a 400 naming
 * the field ({@code config.TZ}).
 */
public final class SettingsResolver {
    /** The contract's shorthand for PUID and PGID together. */
    public static final String ID = "ID";
    private static final String DOMAIN_NAME =
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*";
    private final SecretGenerator secrets;

    public SettingsResolver(SecretGenerator secrets) {
        this.secrets = secrets;
    }

    public ResolvedSettings resolve(AppTemplate app, Map<String, Object> config) {
        Map<String, Setting> known = new LinkedHashMap<>();
        app.allSettings().forEach(s -> known.put(s.key(), s));
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            if (!key.equals(ID) && !known.containsKey(key)) {
                throw Refused.invalidField("config." + printable(key), "is not a setting of " + app.id());
            }
            String value = text(key, e.getValue());
            if (value != null && !value.isEmpty()) {
                given.put(key, value);
            }
        }
        String id = given.remove(ID);
        if (id != null) {
            checkUserId(ID, id);
            given.putIfAbsent("PUID", id);
            given.putIfAbsent("PGID", id);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secretKeys = new HashSet<>();
        for (Setting s : known.values()) {
            String value = given.get(s.key());
            if (value != null) {
                String problem = SettingValues.problem(s.type(), value);
                if (problem == null) {
                    problem = SettingValues.formatProblem(s.format(), value);
                }
                if (problem != null) {
                    throw Refused.invalidField("config." + s.key(), problem);
                }
            } else if (s.defaultValue() != null && !s.defaultValue().isEmpty()) {
                value = s.defaultValue();
            } else if (s.generate()) {
                value = secrets.next(s.format());
            } else if (s.required()) {
                throw Refused.invalidField("config." + s.key(), "is required (" + s.label() + ")");
            }
            if (value != null) {
                values.put(s.key(), value);
            }
            if (s.type() == SettingType.SECRET) {
                secretKeys.add(s.key());
            }
        }
        checkUserId("PUID", values.get("PUID"));
        checkUserId("PGID", values.get("PGID"));
        if (!values.getOrDefault("DOMAIN", "localhost").matches(DOMAIN_NAME)) {
            throw Refused.invalidField("config.DOMAIN", "must be a domain name such as example.com");
        }
        return new ResolvedSettings(values, secretKeys);
    }

    private static String text(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw Refused.invalidField("config." + printable(key), "must be a text, number or boolean value");
    }

    private static void checkUserId(String field, String value) {
        if (value != null && (!value.matches("\\d{1,10}") || Long.parseLong(value) > 2_147_483_647L)) {
            throw Refused.invalidField("config." + field, "must be a numeric id such as 1000");
        }
    }

    /** A key is echoed in the error; keep it short and free of control characters. */
    private static String printable(String key) {
        String clean = key.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
