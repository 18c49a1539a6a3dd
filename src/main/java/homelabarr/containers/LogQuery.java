package homelabarr.containers;

import homelabarr.http.ApiException;
import homelabarr.http.QueryParams;
import io.helidon.webserver.http.ServerRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The parameters of {@code GET /containers/:id/logs}. */
record LogQuery(int tail, Optional<Instant> since, boolean timestamps, boolean follow) {
    static final int DEFAULT_TAIL = 100;
    static final int MAX_TAIL = 10_000;

    static LogQuery parse(ServerRequest req) {
        int tail = (int) QueryParams.number(req, "tail", DEFAULT_TAIL, 0, MAX_TAIL);
        Optional<Instant> since = QueryParams.text(req, "since").map(LogQuery::instant);
        boolean timestamps = QueryParams.text(req, "timestamps").isEmpty() || QueryParams.flag(req, "timestamps");
        return new LogQuery(tail, since, timestamps, QueryParams.flag(req, "follow"));
    }

    /** Unix seconds ({@code 1700000000}) or an ISO-8601 instant ({@code 2024-01-01T00:00:00Z}, offsets allowed). */
    static Instant instant(String raw) {
        if (raw.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(raw));
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("since",
                    "must be unix seconds or an ISO-8601 instant such as 2024-01-01T00:00:00Z");
        }
    }

    /**
     * The engine's {@code since} in whole seconds (docker-java takes an int), rounded down so no wanted line is lost;
     * lines of the remaining fraction of a second are dropped by timestamp when timestamps are read.
     */
    Integer sinceSeconds() {
        return since.map(s -> (int) Math.min(Integer.MAX_VALUE, s.getEpochSecond())).orElse(null);
    }

    /** Timestamps are read from the engine when shown, and also to drop lines from the first second of {@code since}. */
    boolean readTimestamps() {
        return timestamps || since.isPresent();
    }

    /** The entry as the client asked for it: without a timestamp unless timestamps were wanted. */
    LogEntry shown(LogEntry entry) {
        return timestamps ? entry : new LogEntry(entry.stream(), entry.line(), null, entry.truncated());
    }

    boolean wanted(LogEntry entry) {
        return since.isEmpty() || entry.timestamp() == null || !entry.timestamp().isBefore(since.get());
    }
}
