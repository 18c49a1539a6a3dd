package homelabarr.catalog;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An app's id: the template's file name, which also names its containers, networks and labels. One rule for every
 * place an id arrives (a template file, a path, a request body), so what one part accepts another never refuses.
 */
public record AppId(String value) {
    private static final Pattern RULE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public AppId {
        if (value == null || !RULE.matcher(value).matches()) {
            throw new IllegalArgumentException("an app id is 1 to 63 lowercase letters, digits and '-', "
                    + "starting with a letter or digit");
        }
    }

    /** Empty when the text cannot be an app id. */
    public static Optional<AppId> parse(String text) {
        return text != null && RULE.matcher(text).matches() ? Optional.of(new AppId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
