package homelabarr.environments;

import homelabarr.errors.Refused;

import java.util.regex.Pattern;

/** An environment's name: short, lower case, safe in a URL and a query string; "local" and "all" are taken. */
final class EnvironmentName {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private EnvironmentName() {
    }

    static String parse(String raw) {
        if (raw == null || !NAME.matcher(raw).matches()) {
            throw Refused.invalidField("name", "must be 1 to 40 lower-case letters, digits or '-', starting with a "
                    + "letter or digit");
        }
        if (raw.equals(Environments.LOCAL) || raw.equals(Environments.ALL)) {
            throw Refused.invalidField("name", "'" + raw + "' is reserved");
        }
        return raw;
    }
}
