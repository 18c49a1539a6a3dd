package homelabarr.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id at the OWASP minimum (19 MiB, 2 passes, 1 lane). */
public final class PasswordHasher {
    private final Argon2Function argon2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);
    /** Checked against when the user does not exist, so unknown names cost as much time as wrong passwords. */
    private final String decoy;

    public PasswordHasher() {
        decoy = hash("decoy password that matches nothing");
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
    }

    public boolean matches(String password, String encoded) {
        try {
            return Password.check(password, encoded).with(argon2);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Spends the same work as a real check and fails. */
    public boolean burn(String password) {
        matches(password, decoy);
        return false;
    }
}
