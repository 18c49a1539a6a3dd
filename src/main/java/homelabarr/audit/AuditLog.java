package homelabarr.audit;

import homelabarr.db.Database;
import homelabarr.http.ClientAddress;
import homelabarr.http.Principal;
import io.helidon.webserver.http.ServerRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Append-only record of logins and every change made through the API. */
public final class AuditLog {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void success(ServerRequest req, Principal who, String action, String target) {
        record(who.username(), ClientAddress.of(req), action, target, SUCCESS, null);
    }

    public void failure(ServerRequest req, String actor, String action, String target, String why) {
        record(actor, ClientAddress.of(req), action, target, FAILURE, why);
    }

    public void record(String actor, String client, String action, String target, String result, String details) {
        db.update("INSERT INTO audit_log (at, actor, action, target, client, result, details) VALUES (?,?,?,?,?,?,?)",
                clock.instant().toString(), actor, action, target, client, result, details);
    }

    /** Newest first; {@code beforeId} pages backwards (0 = from the newest). */
    public List<AuditEntry> page(long beforeId, int limit, String action, String actor) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (beforeId > 0) {
            sql.append(" AND id < ?");
            params.add(beforeId);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            params.add(action);
        }
        if (actor != null) {
            sql.append(" AND actor = ? COLLATE NOCASE");
            params.add(actor);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return db.query(sql.toString(), row -> new AuditEntry(row.getLong("id"), Instant.parse(row.getString("at")),
                row.getString("actor"), row.getString("action"), row.getString("target"), row.getString("client"),
                row.getString("result"), row.getString("details")), params.toArray());
    }
}
