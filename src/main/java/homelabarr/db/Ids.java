package homelabarr.db;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Unguessable identifiers for new rows. */
public final class Ids {
    private final SecureRandom random = new SecureRandom();

    /** 16 lowercase hex characters (64 random bits). */
    public String next() {
        return HexFormat.of().formatHex(bytes(8));
    }

    public byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
