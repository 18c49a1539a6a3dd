package homelabarr.deploy;

import java.security.SecureRandom;

/**
 * Makes values for {@code generate: true} secrets: 32 characters of [A-Za-z0-9] (about 190 bits), so they are
 * safe inside connection strings and URLs without escaping.
 */
final class SecretGenerator {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 32;
    private final SecureRandom random = new SecureRandom();

    String next() {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
