package homelabarr.http;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps departed clients out of the log. The web server logs a connection that ends mid-request as a warning
 * with a stack trace (about 1 KB), so anyone could fill the disk by opening and dropping connections (11,000 in
 * five seconds wrote 7.8 MB). This filter drops those records from the web server's connection loggers; any other
 * warning of theirs passes unchanged. One short line per departure remains at DEBUG for diagnosis.
 */
public final class QuietDisconnects implements Filter {
    private static final System.Logger LOG = System.getLogger(QuietDisconnects.class.getName());
    private static final List<String> CONNECTION_LOGGERS = List.of(
            "io.helidon.webserver.http1.Http1Connection",
            "io.helidon.webserver.ConnectionHandler",
            "io.helidon.webserver.http.ErrorHandlers");

    // held here: java.util.logging keeps loggers weakly, and a collected logger would come back without the filter
    private final List<Logger> loggers;

    private QuietDisconnects(List<Logger> loggers) {
        this.loggers = loggers;
    }

    /** Puts the filter on the web server's connection loggers (idempotent: every App of a JVM does the same). */
    public static QuietDisconnects install() {
        QuietDisconnects filter = new QuietDisconnects(CONNECTION_LOGGERS.stream().map(Logger::getLogger).toList());
        filter.loggers.forEach(logger -> logger.setFilter(filter));
        return filter;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getThrown() == null || !ClientGone.causedBy(record.getThrown())) {
            return true;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "Client left mid-exchange (" + record.getThrown().getClass().getSimpleName() + ")");
        return false;
    }
}
