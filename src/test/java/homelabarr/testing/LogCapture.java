package homelabarr.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects every log record the server publishes at INFO or above (what an operator's log would show) while open.
 * Records pass the loggers' own levels and filters first, exactly as they would on their way to the console.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private static final SimpleFormatter FORMAT = new SimpleFormatter();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    private LogCapture() {
        setLevel(Level.INFO);
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.root.addHandler(capture);
        return capture;
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The record as a console would print it, stack trace included. */
    public static String text(LogRecord r) {
        return FORMAT.format(r);
    }

    /** Everything captured, as it would be printed. */
    public String text() {
        StringBuilder all = new StringBuilder();
        records.forEach(r -> all.append(text(r)));
        return all.toString();
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
