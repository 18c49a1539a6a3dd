package homelabarr.deploy.plan;

import homelabarr.catalog.Setting;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes values for {@code generate: true} secrets: 32 characters of [A-Za-z0-9] (about 190 bits), so they are
 * safe inside connection strings and URLs without escaping; or, for apps that need a key of a fixed format, 32
 * random bytes as 64 hex digits ({@code format: hex}) or in base64 ({@code format: base64}).
 */
public final class SecretGenerator {
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

    String next(String format) {
        if (format == null) {
            return next();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return switch (format) {
            case Setting.HEX -> HexFormat.of().formatHex(bytes);
            case Setting.BASE64 -> Base64.getEncoder().encodeToString(bytes);
            default -> throw new IllegalArgumentException("unknown secret format " + format);
        };
    }
}
