package homelabarr.docker;

import java.util.Optional;

/**
 * A registry login the engine is handed for one pull, for a registry that refuses anonymous pulls. {@code registry}
 * is the server address the engine is told ({@code registry.lan:5000}); the password never shows in {@link #toString}.
 */
public record RegistryAuth(String registry, String username, String password) {
    /** Where the pull path finds the login for an image's registry; empty: the image is pulled anonymously. */
    @FunctionalInterface
    public interface Lookup {
        Lookup NONE = image -> Optional.empty();

        /** The login for the registry of {@code image}, a name as pulled ({@code registry.lan:5000/team/app}). */
        Optional<RegistryAuth> forImage(String image);
    }

    @Override
    public String toString() {
        return "RegistryAuth[" + registry + ", " + username + "]";
    }
}
