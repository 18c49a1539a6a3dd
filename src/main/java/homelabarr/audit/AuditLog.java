package homelabarr.audit;

import homelabarr.db.Database;
import homelabarr.db.DatabaseException;
import homelabarr.http.ClientAddress;
import homelabarr.http.Principal;
import io.helidon.webserver.http.ServerRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Append-only record of logins and every change made through the API. A change never goes without its record:
 * a change to the database is made in one transaction with its record ({@link #change}); a change elsewhere
 * (Docker) has its record written before it is made and completed after ({@link #begin}). Either way a full disk
 * stops the change instead of losing its record. Refused requests are recorded on a best-effort basis.
 */
public final class AuditLog {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    /** A change outside the database that was started and whose outcome could not be recorded (yet). */
    public static final String PENDING = "pending";
    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());

    private final Database db;
    private final Clock clock;

    /** One record: who did what to which target, from where, and how it went. */
    public record Entry(String actor, String client, String action, String target, String result, String details) {
        public static Entry success(ServerRequest req, Principal who, String action, String target) {
            return new Entry(who.username(), ClientAddress.of(req), action, target, SUCCESS, null);
        }
    }

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Makes {@code change} and writes the record {@code entry} gives for its result: both are stored or neither. */
    public <T> T change(Supplier<T> change, Function<T, Entry> entry) {
        return db.transaction(tx -> {
            T result = change.get();
            write(entry.apply(result));
            return result;
        });
    }

    /** {@link #change(Supplier, Function)} for a change without a result. */
    public void change(Runnable change, Entry entry) {
        change(() -> {
            change.run();
            return null;
        }, ignored -> entry);
    }

    /**
     * The audit of a route that changes something, declared with it ({@code routes.post(path, access,
     * audit.route("container.stop", RouteAudit.pathParameter("id")), handler)}): its refusals and failures are
     * recorded as {@link #FAILURE}, for {@code target} read from the request unless the handler names one.
     */
    public RouteAudit route(String action, Function<ServerRequest, String> target) {
        return new RouteAudit(this, action, target);
    }

    /** {@link #route(String, Function)} for a route whose refusals name no target (the target is yet to be made). */
    public RouteAudit route(String action) {
        return route(action, req -> null);
    }

    /** Who and what a route's audit record names, once the handler knows (a body field); null actor: the caller. */
    record Named(String actor, String target) {
    }

    /** Names the target of this request's audit record, for a target the route cannot read from the path. */
    public static void target(ServerRequest req, String target) {
        req.context().register(new Named(null, target));
    }

    /** Names actor and target of this request's audit record: a login is refused for the name it tried. */
    public static void names(ServerRequest req, String actor, String target) {
        req.context().register(new Named(actor, target));
    }

    /**
     * {@link #begin(String, String, String, String)} for a request: when the handler fails after this, the route's
     * audit completes this record as failed instead of writing another.
     */
    public Pending begin(ServerRequest req, Principal who, String action, String target) {
        Pending pending = begin(who.username(), ClientAddress.of(req), action, target);
        req.context().register(pending);
        return pending;
    }

    /**
     * Writes the record of a change about to be made outside the database, as {@link #PENDING}: when that fails (a
     * full disk) the change must not be made. Complete it with the outcome.
     */
    public Pending begin(String actor, String client, String action, String target) {
        long id = db.transaction(tx -> {
            tx.update("INSERT INTO audit_log (at, actor, action, target, client, result) VALUES (?,?,?,?,?,?)",
                    clock.instant().toString(), actor, action, target, client, PENDING);
            return tx.queryOne("SELECT last_insert_rowid()", row -> row.getLong(1)).orElseThrow();
        });
        return new Pending(id, action);
    }

    /** A record written by {@link #begin}, waiting for its outcome. */
    public final class Pending {
        private final long id;
        private final String action;
        private volatile boolean completed;

        private Pending(long id, String action) {
            this.id = id;
            this.action = action;
        }

        /**
         * Records how the change went. The change is made by now, so a failure to record it is logged, not thrown:
         * the record stays, as {@link #PENDING}.
         */
        public void complete(String result, String details) {
            completed = true;
            try {
                db.update("UPDATE audit_log SET result = ?, details = ? WHERE id = ?", result, details, id);
            } catch (DatabaseException e) {
                LOG.log(System.Logger.Level.ERROR, "The outcome of " + action + " (audit record " + id
                        + ") could not be recorded; it stays pending: " + e.getMessage());
            }
        }

        boolean completed() {
            return completed;
        }
    }

    public void success(ServerRequest req, Principal who, String action, String target) {
        record(who.username(), ClientAddress.of(req), action, target, SUCCESS, null);
    }

    /**
     * Records a refused request. Nothing was changed, so when storage fails this is logged rather than thrown: the
     * client gets the reason for the refusal, not a storage error.
     */
    public void failure(ServerRequest req, String actor, String action, String target, String why) {
        try {
            record(actor, ClientAddress.of(req), action, target, FAILURE, why);
        } catch (DatabaseException e) {
            LOG.log(System.Logger.Level.WARNING, "The refused " + action + " could not be recorded: " + e.getMessage());
        }
    }

    public void record(String actor, String client, String action, String target, String result, String details) {
        write(new Entry(actor, client, action, target, result, details));
    }

    private void write(Entry e) {
        db.update("INSERT INTO audit_log (at, actor, action, target, client, result, details) VALUES (?,?,?,?,?,?,?)",
                clock.instant().toString(), e.actor(), e.action(), e.target(), e.client(), e.result(), e.details());
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
