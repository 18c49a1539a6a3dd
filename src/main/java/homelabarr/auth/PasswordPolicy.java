package homelabarr.auth;

import homelabarr.errors.Refused;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * NIST 800-63B style: length matters, composition rules do not, and well-known passwords are refused.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    private final Set<String> common;

    public PasswordPolicy() {
        try (var in = PasswordPolicy.class.getResourceAsStream("/auth/common-passwords.txt");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            common = reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reason {@code password} is unacceptable, or null when it is fine. */
    public String problem(String password, String username) {
        if (password == null || password.isEmpty()) {
            return "is required";
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (length > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return "is too common; choose one that is not on public password lists";
        }
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return "must not contain the username";
        }
        if (password.codePoints().distinct().count() < 4) {
            return "needs more variety (at least 4 different characters)";
        }
        return null;
    }

    /** Throws a 400 naming {@code field} when the password is unacceptable. */
    public void check(String field, String password, String username) {
        String problem = problem(password, username);
        if (problem != null) {
            throw Refused.invalidField(field, problem);
        }
    }
}
