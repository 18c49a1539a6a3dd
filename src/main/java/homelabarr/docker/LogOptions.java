package homelabarr.docker;

/**
 * Which part of a container's log to read. {@code tail}: the last lines, null for all; {@code sinceSeconds}: epoch
 * seconds, null for the beginning; {@code follow}: keep the stream open for new lines.
 */
public record LogOptions(boolean follow, Integer tail, Integer sinceSeconds, boolean timestamps) {
    public static LogOptions followAll() {
        return new LogOptions(true, null, null, false);
    }
}
