package homelabarr.docker;

import java.util.regex.Pattern;

/**
 * Recognises credentials in text the engine reports: the password of a URL ({@code postgres://u:password@db}),
 * {@code password=…}-style assignments, and names (of environment variables) that say they hold a secret. Used
 * where the real secrets are not known, and as a second line where they are.
 */
public final class SecretText {
    public static final String MASK = "********";
    /** {@code scheme://user:password@}: greedy up to the last '@' of the authority, so a raw '@' in it is covered. */
    private static final Pattern URL_PASSWORD =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#@:]*:)[^\\s/?#]+(@)");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)((?:password|passwd|passphrase|pwd|secret|token|api[_-]?key)[A-Za-z0-9_.-]*\\s*[=:]\\s*)[^\\s,;&\"']+");
    /**
     * Variable names that say "secret": long words anywhere ({@code MYSQL_ROOT_PASSWORD}, {@code GITHUB_TOKEN},
     * {@code SECRET_KEY_BASE}), short ones only as a whole word ({@code DB_PASS}, {@code ENCRYPTION_KEY}) so
     * {@code PASSTHROUGH} or {@code KEYBOARD} are not taken for secrets.
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|API_KEY|CREDENTIAL|PRIVATE_?KEY"
                    + "|(^|_)(PASS|PWD|KEY|SALT)(_|$))");

    private SecretText() {
    }

    /** {@code postgres://u:password@db} becomes {@code postgres://u:********@db}. */
    public static String maskUrlPasswords(String text) {
        return text.indexOf("://") < 0 ? text : URL_PASSWORD.matcher(text).replaceAll("$1" + MASK + "$2");
    }

    /** URL passwords and the values of {@code password=…}, {@code token: …} and the like. */
    public static String maskCredentials(String text) {
        return ASSIGNMENT.matcher(maskUrlPasswords(text)).replaceAll("$1" + MASK);
    }

    /** True for environment variable names that say they hold a secret. */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).find();
    }
}
