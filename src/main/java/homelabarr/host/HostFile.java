package homelabarr.host;

import java.nio.file.Path;

/**
 * A host path as the Docker Engine will find it: where its symbolic links lead and what is there. {@code kind} is
 * {@link Kind#UNKNOWN} when this server cannot look at the host's files (a remote engine); {@code problem} says why
 * a path could not be followed (a link loop, an unreadable link).
 */
public record HostFile(String given, Path real, Kind kind, String problem) {
    public enum Kind { MISSING, DIRECTORY, FILE, SOCKET, BLOCK_DEVICE, OTHER, UNKNOWN }

    public static HostFile asWritten(String given) {
        return new HostFile(given, Path.of(given).normalize(), Kind.UNKNOWN, null);
    }

    static HostFile unresolvable(String given, String problem) {
        return new HostFile(given, Path.of(given).normalize(), Kind.UNKNOWN, problem);
    }

    public boolean missing() {
        return kind == Kind.MISSING;
    }
}
