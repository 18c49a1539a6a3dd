package homelabarr.http;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a user may do: admins everything, users deploy and manage, viewers only read. */
public enum Role {
    ADMIN, USER, VIEWER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canWrite() {
        return this != VIEWER;
    }

    /** Parses the wire name; a 400 naming {@code field} when it is not a role. */
    public static Role parse(String field, String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        throw ApiException.invalidField(field, "must be one of " + Arrays.stream(values())
                .map(Role::wireName).collect(Collectors.joining(", ")));
    }
}
