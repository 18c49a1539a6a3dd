package homelabarr.notifications;

import homelabarr.db.Database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code notification_deliveries} table: one row per notification per channel, the newest 1000 kept. */
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

    private final Database db;
    private final Clock clock;

    DeliveryLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    long start(String channelId, Notification n, String status, String error) {
        String now = clock.instant().toString();
        return db.transaction(tx -> {
            tx.update("INSERT INTO notification_deliveries (channel_id, kind, title, status, attempts, last_error,"
                    + " created_at, updated_at) VALUES (?,?,?,?,0,?,?,?)", channelId, n.kind().wireName(), n.title(),
                    status, error, now, now);
            long id = tx.queryOne("SELECT last_insert_rowid()", r -> r.getLong(1)).orElseThrow();
            tx.update("DELETE FROM notification_deliveries WHERE id <= ?", id - KEEP);
            return id;
        });
    }

    void attempt(long id, String status, int attempts, String error) {
        db.update("UPDATE notification_deliveries SET status = ?, attempts = ?, last_error = COALESCE(?, last_error),"
                + " updated_at = ? WHERE id = ?", status, attempts, error, clock.instant().toString(), id);
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
