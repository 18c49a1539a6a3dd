package homelabarr.containers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the engine's log chunks into lines. Chunks do not follow lines: docker-java cuts payloads into pieces of at
 * most 1 KiB, a TTY container's raw stream arrives in arbitrary pieces, and the engine splits lines longer than
 * 16 KiB into several messages. So bytes are buffered per stream until a newline, and stdout and stderr never mix.
 * With timestamps every message starts with "&lt;RFC 3339 time&gt; "; the continuation of a split line starts with
 * one too, which is recognised because the engine splits after exactly {@link #MESSAGE_BYTES} bytes. Not thread-safe:
 * one callback feeds it.
 */
final class LogLines {
    /** The engine's log copier emits long lines in messages of this many bytes (json-file and local drivers). */
    static final int MESSAGE_BYTES = 16 * 1024;
    /** Longer lines are cut, so one runaway line cannot fill the heap. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int MAX_TIMESTAMP_BYTES = 40;

    private final boolean timestamps;
    private final Consumer<LogEntry> sink;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    LogLines(boolean timestamps, Consumer<LogEntry> sink) {
        this.timestamps = timestamps;
        this.sink = sink;
    }

    void accept(boolean stderr, byte[] payload, int length) {
        String stream = stderr ? "stderr" : "stdout";
        Pending p = pending.computeIfAbsent(stream, Pending::new);
        for (int i = 0; i < length; i++) {
            p.take(payload[i]);
        }
    }

    /** Emits what is left without a final newline (the end of the log). */
    void finish() {
        pending.values().forEach(p -> {
            if (p.line.size() > 0 || p.truncated) {
                p.emit();
            }
        });
    }

    private final class Pending {
        final String stream;
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        final ByteArrayOutputStream stamp = new ByteArrayOutputStream();
        boolean readingStamp = timestamps;
        int messageBytes;
        Instant at;
        boolean truncated;

        Pending(String stream) {
            this.stream = stream;
        }

        void take(byte b) {
            if (readingStamp) {
                if (b == ' ') {
                    Instant parsed = parse(stamp.toString(StandardCharsets.US_ASCII));
                    at = at == null ? parsed : at;
                    stamp.reset();
                    readingStamp = false;
                    messageBytes = 0;
                    return;
                }
                if (b != '\n' && stamp.size() < MAX_TIMESTAMP_BYTES) {
                    stamp.write(b);
                    return;
                }
                // a newline right after a full message, or no timestamp after all: it is content
                readingStamp = false;
                byte[] held = stamp.toByteArray();
                stamp.reset();
                for (byte h : held) {
                    content(h);
                }
            }
            content(b);
        }

        void content(byte b) {
            if (b == '\n') {
                emit();
                return;
            }
            if (line.size() < MAX_LINE_BYTES) {
                line.write(b);
            } else {
                truncated = true;
            }
            if (timestamps && ++messageBytes == MESSAGE_BYTES) {
                readingStamp = true;
            }
        }

        void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);  // a TTY turns \n into \r\n
            }
            sink.accept(new LogEntry(stream, text, timestamps ? at : null, truncated ? Boolean.TRUE : null));
            line.reset();
            at = null;
            truncated = false;
            messageBytes = 0;
            readingStamp = timestamps;
        }
    }

    private static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
