package homelabarr.containers;

import java.time.Instant;

/**
 * One log line. {@code stream} is "stdout" or "stderr" (a TTY container has one merged stream, reported as stdout);
 * {@code timestamp} only when asked for; {@code truncated} only on lines cut at {@link LogLines#MAX_LINE_BYTES}.
 */
record LogEntry(String stream, String line, Instant timestamp, Boolean truncated) {
}
