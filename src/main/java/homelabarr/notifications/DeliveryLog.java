package homelabarr.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.db.Database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code notification_deliveries} table: one row per notification per channel, the newest 1000 kept. A queued
 * delivery keeps its notification ({@code payload}) until it has ended, so that one a stop interrupted is taken up
 * at the next start rather than lost.
 */
final class DeliveryLog {
    static final String PENDING = "pending";
    static final String RETRYING = "retrying";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String DROPPED = "dropped";
    private static final int KEEP = 1000;

    /** One delivery as the API shows it. */
    record Delivery(long id, String channelId, String kind, String title, String status, int attempts,
                    String lastError, Instant createdAt, Instant updatedAt) {
    }

    /** A delivery not ended when the server stopped: its notification and the attempts made so far. */
    record Open(long id, String channelId, Notification notification, int attempts) {
    }

    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;

    DeliveryLog(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A new row; {@code resumable}: its notification is kept until it ends, for a restart to take it up. */
    long start(String channelId, Notification n, String status, String error, boolean resumable) {
        String now = clock.instant().toString();
        String payload = resumable ? payload(n) : null;
        return db.transaction(tx -> {
            tx.update("INSERT INTO notification_deliveries (channel_id, kind, title, status, attempts, last_error,"
                    + " created_at, updated_at, payload) VALUES (?,?,?,?,0,?,?,?,?)", channelId, n.kind().wireName(),
                    n.title(), status, error, now, now, payload);
            long id = tx.queryOne("SELECT last_insert_rowid()", r -> r.getLong(1)).orElseThrow();
            tx.update("DELETE FROM notification_deliveries WHERE id <= ?", id - KEEP);
            return id;
        });
    }

    /** Records an attempt; an ended delivery lets go of its notification. */
    void attempt(long id, String status, int attempts, String error) {
        db.update("UPDATE notification_deliveries SET status = ?, attempts = ?, last_error = COALESCE(?, last_error),"
                + " updated_at = ?, payload = CASE WHEN ? THEN payload END WHERE id = ?", status, attempts, error,
                clock.instant().toString(), RETRYING.equals(status) || PENDING.equals(status), id);
    }

    /**
     * The deliveries a stop left unfinished, oldest first. Those that cannot be taken up (a "send test" cut off, a
     * row from before notifications were kept) are marked failed first, so that no row says pending for ever.
     */
    List<Open> unfinished() {
        db.update("UPDATE notification_deliveries SET status = ?, last_error = ?, updated_at = ? WHERE payload IS NULL"
                + " AND status IN (?, ?)", FAILED, "Interrupted by a restart", clock.instant().toString(), PENDING, RETRYING);
        return db.query("SELECT id, channel_id, attempts, payload FROM notification_deliveries WHERE payload IS NOT NULL"
                + " AND status IN (?, ?) ORDER BY id", r -> new Open(r.getLong(1), r.getString(2),
                notification(r.getString(4)), r.getInt(3)), PENDING, RETRYING);
    }

    private String payload(Notification n) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", n.kind().wireName());
        fields.put("app", n.app());
        fields.put("environment", n.environment());
        fields.put("title", n.title());
        fields.put("message", n.message());
        fields.put("time", n.time().toString());
        try {
            return mapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Notification notification(String payload) {
        try {
            Map<String, String> f = mapper.readValue(payload, new TypeReference<Map<String, String>>() { });
            return new Notification(NotificationKind.parse(f.get("kind")).orElseThrow(), f.get("app"),
                    f.get("environment"), f.get("title"), f.get("message"), Instant.parse(f.get("time")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("An unreadable pending notification", e);
        }
    }

    /** Newest first; {@code channelId} null for all channels. */
    List<Delivery> page(String channelId, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM notification_deliveries WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (channelId != null) {
            sql.append(" AND channel_id = ?");
            params.add(channelId);
        }
        if (beforeId > 0) {
            sql.append(" AND id < ?");
            params.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return db.query(sql.toString(), DeliveryLog::row, params.toArray());
    }

    private static Delivery row(ResultSet r) throws SQLException {
        return new Delivery(r.getLong("id"), r.getString("channel_id"), r.getString("kind"), r.getString("title"),
                r.getString("status"), r.getInt("attempts"), r.getString("last_error"),
                Instant.parse(r.getString("created_at")), Instant.parse(r.getString("updated_at")));
    }
}
