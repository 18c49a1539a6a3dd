package homelabarr.docker;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drops labels whose key suggests a secret and masks credentials in the values of the others. People put
 * credentials in labels (basic-auth users for Traefik, API tokens for tooling, {@code postgres://u:pw@db} in a
 * plain-named label), and labels are readable by every signed-in role, so any key that even looks sensitive goes.
 * Matching is by substring on purpose: dropping a harmless label costs little, leaking a password costs a lot.
 */
public final class SecretLabels {
    private static final List<String> SENSITIVE = List.of(
            "password", "passwd", "pwd", "secret", "token", "key", "credential", "auth", "cert", "private",
            "salt", "session", "cookie", "signature");

    private SecretLabels() {
    }

    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SENSITIVE.stream().anyMatch(lower::contains);
    }

    /** A sorted copy without the sensitive labels, credentials in values masked; null becomes an empty map. */
    public static Map<String, String> withoutSecrets(Map<String, String> labels) {
        Map<String, String> kept = new TreeMap<>();
        if (labels != null) {
            labels.forEach((key, value) -> {
                if (!isSecret(key)) {
                    kept.put(key, value == null ? null : SecretText.maskCredentials(value));
                }
            });
        }
        return kept;
    }
}
