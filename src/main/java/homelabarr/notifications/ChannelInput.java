package homelabarr.notifications;

import homelabarr.errors.Refused;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Request bodies for channels, and their checks: every bad value is a 400 naming the field. */
final class ChannelInput {
    private static final int MAX_NAME = 100;
    private static final int MAX_VALUE = 2048;
    private static final int MIN_WEBHOOK_SECRET = 16;
    private static final int MAX_RECIPIENTS = 20;
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>]+@[^@\\s,<>]+");
    private static final Set<String> NTFY_PRIORITIES = Set.of("1", "2", "3", "4", "5", "min", "low", "default", "high",
            "max", "urgent");
    static final Set<String> EMAIL_SECURITY = Set.of("starttls", "tls", "none");

    /** POST body. {@code enabled} defaults to true. */
    record Create(String name, String type, Boolean enabled, List<String> events, Map<String, String> settings) {
    }

    /**
     * PATCH body: what is left out stays. In {@code settings} a given key replaces its value and a null or empty one
     * removes an optional setting; secret settings not named keep their stored value.
     */
    record Update(String name, Boolean enabled, List<String> events, Map<String, String> settings) {
    }

    private ChannelInput() {
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw Refused.invalidField("name", "is required");
        }
        String n = name.strip();
        if (n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            throw Refused.invalidField("name", "must be 1 to " + MAX_NAME + " characters without control characters");
        }
        return n;
    }

    static ChannelType type(String type) {
        if (type == null) {
            throw Refused.invalidField("type", "is required: one of " + types());
        }
        return ChannelType.parse(type).orElseThrow(() ->
                Refused.invalidField("type", "'" + type + "' is not a channel type; use one of " + types()));
    }

    static Set<NotificationKind> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw Refused.invalidField("events", "name at least one of " + kinds());
        }
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        for (String e : events) {
            NotificationKind kind = NotificationKind.parse(e).filter(k -> k != NotificationKind.TEST).orElseThrow(() ->
                    Refused.invalidField("events", "'" + e + "' is not an event; use " + kinds()));
            kinds.add(kind);
        }
        return kinds;
    }

    /**
     * Splits {@code given} (over {@code plain} and {@code secret}, the current values) into the new plain and secret
     * settings of a {@code type} channel, and checks them.
     */
    static Map<String, Map<String, String>> settings(ChannelType type, Map<String, String> given,
                                                     Map<String, String> plain, Map<String, String> secret) {
        Map<String, String> newPlain = new LinkedHashMap<>(plain);
        Map<String, String> newSecret = new LinkedHashMap<>(secret);
        if (given != null) {
            for (Map.Entry<String, String> e : given.entrySet()) {
                ChannelType.Field field = type.field(e.getKey()).orElseThrow(() -> Refused.invalidField(
                        "settings." + e.getKey(), "is not a setting of a " + type.wireName() + " channel; use "
                                + type.fields().stream().map(ChannelType.Field::name).toList()));
                Map<String, String> target = field.secret() ? newSecret : newPlain;
                String value = e.getValue() == null ? "" : e.getValue().strip();
                if (value.isEmpty()) {
                    target.remove(field.name());
                } else {
                    target.put(field.name(), check(type, field, value));
                }
            }
        }
        for (ChannelType.Field field : type.fields()) {
            if (field.required() && !(field.secret() ? newSecret : newPlain).containsKey(field.name())) {
                throw Refused.invalidField("settings." + field.name(), "is required for a " + type.wireName()
                        + " channel");
            }
        }
        if (type == ChannelType.EMAIL && newSecret.containsKey("password") && !newPlain.containsKey("username")) {
            throw Refused.invalidField("settings.username", "is required with a password");
        }
        return Map.of("plain", newPlain, "secret", newSecret);
    }

    private static String check(ChannelType type, ChannelType.Field field, String value) {
        String where = "settings." + field.name();
        if (value.length() > MAX_VALUE || value.chars().anyMatch(Character::isISOControl)) {
            throw Refused.invalidField(where, "must be at most " + MAX_VALUE + " characters without control characters");
        }
        if (field.url()) {
            url(where, value);
        }
        switch (type.wireName() + "." + field.name()) {
            case "webhook.secret" -> require(value.length() >= MIN_WEBHOOK_SECRET, where,
                    "must be at least " + MIN_WEBHOOK_SECRET + " characters");
            case "ntfy.topic" -> require(TOPIC.matcher(value).matches(), where,
                    "must be 1 to 64 letters, digits, '-' or '_'");
            case "ntfy.priority" -> require(NTFY_PRIORITIES.contains(value.toLowerCase(Locale.ROOT)), where,
                    "must be 1 to 5 or min, low, default, high, max");
            case "gotify.priority" -> number(where, value, 0, 10);
            case "email.port" -> number(where, value, 1, 65535);
            case "email.security" -> require(EMAIL_SECURITY.contains(value), where,
                    "must be starttls (the default), tls or none");
            case "email.from" -> require(ADDRESS.matcher(value).matches(), where, "must be an e-mail address");
            case "email.to" -> recipients(where, value);
            default -> { }
        }
        return value;
    }

    static List<String> recipients(String value) {
        List<String> list = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                list.add(part.strip());
            }
        }
        return list;
    }

    private static void recipients(String where, String value) {
        List<String> list = recipients(value);
        require(!list.isEmpty() && list.size() <= MAX_RECIPIENTS, where,
                "must be 1 to " + MAX_RECIPIENTS + " addresses separated by commas");
        for (String address : list) {
            require(ADDRESS.matcher(address).matches(), where, "'" + address + "' is not an e-mail address");
        }
    }

    private static void url(String where, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null, where,
                    "must be an http:// or https:// URL with a host");
            require(uri.getUserInfo() == null, where, "must not carry a user name or password; use the token setting");
        } catch (URISyntaxException e) {
            throw Refused.invalidField(where, "is not a valid URL");
        }
    }

    private static void number(String where, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            require(n >= min && n <= max, where, "must be between " + min + " and " + max);
        } catch (NumberFormatException e) {
            throw Refused.invalidField(where, "must be a whole number between " + min + " and " + max);
        }
    }

    private static void require(boolean ok, String where, String problem) {
        if (!ok) {
            throw Refused.invalidField(where, problem);
        }
    }

    private static List<String> types() {
        return java.util.Arrays.stream(ChannelType.values()).map(ChannelType::wireName).toList();
    }

    private static List<String> kinds() {
        return java.util.Arrays.stream(NotificationKind.values()).filter(k -> k != NotificationKind.TEST)
                .map(NotificationKind::wireName).toList();
    }
}
