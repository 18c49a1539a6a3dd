package homelabarr.updates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.db.Database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The update tables: last checks per app and service, policies, and the record of each update run. */
final class UpdateStore {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;

    /** One update: what ran before it (per service) and what it moved to. */
    record Run(String deploymentId, String appId, Map<String, Object> previous, Map<String, String> target, String status,
               String reason, String createdBy, Instant createdAt, Instant finishedAt) {
    }

    UpdateStore(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Replaces an app's checks with {@code checks} (services that are gone lose theirs). */
    void saveChecks(String appId, List<ContainerCheck> checks) {
        db.transaction(tx -> {
            tx.update("DELETE FROM update_checks WHERE app_id = ? AND service NOT IN (SELECT value FROM json_each(?))",
                    appId, json(checks.stream().map(ContainerCheck::service).toList()));
            for (ContainerCheck c : checks) {
                tx.update("INSERT INTO update_checks (app_id, environment, service, container_name, image, current_digest,"
                                + " remote_digest, newer_tags, status, error, checked_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                                + " ON CONFLICT (app_id, service) DO UPDATE SET environment = excluded.environment,"
                                + " container_name = excluded.container_name,"
                                + " image = excluded.image, current_digest = excluded.current_digest,"
                                + " remote_digest = excluded.remote_digest, newer_tags = excluded.newer_tags,"
                                + " status = excluded.status, error = excluded.error, checked_at = excluded.checked_at",
                        c.appId(), c.environment(), c.service(), c.container(), c.image(), c.currentDigest(),
                        c.remoteDigest(),
                        json(c.newerTags()), c.status(), c.error(), c.checkedAt().toString());
            }
            return null;
        });
    }

    /**
     * Apps no longer deployed lose their checks, except those last seen on an environment this round could not
     * reach: not seen there is not gone.
     */
    void keepOnly(List<String> appIds, List<String> unreached) {
        db.update("DELETE FROM update_checks WHERE app_id NOT IN (SELECT value FROM json_each(?))"
                + " AND environment NOT IN (SELECT value FROM json_each(?))", json(appIds), json(unreached));
    }

    List<ContainerCheck> checks(String appId) {
        return appId == null
                ? db.query("SELECT * FROM update_checks ORDER BY app_id, service", this::check)
                : db.query("SELECT * FROM update_checks WHERE app_id = ? ORDER BY service", this::check, appId);
    }

    /** True the first time an update to {@code remoteDigest} is reported for this service; marks it reported. */
    boolean firstNotice(String appId, String service, String remoteDigest) {
        return db.update("UPDATE update_checks SET notified_digest = ? WHERE app_id = ? AND service = ?"
                + " AND (notified_digest IS NULL OR notified_digest <> ?)", remoteDigest, appId, service, remoteDigest) > 0;
    }

    UpdatePolicy policy(String appId) {
        return db.queryOne("SELECT * FROM update_policies WHERE app_id = ?", UpdateStore::policyRow, appId)
                .orElseGet(() -> UpdatePolicy.standard(appId));
    }

    List<UpdatePolicy> policies() {
        return db.query("SELECT * FROM update_policies ORDER BY app_id", UpdateStore::policyRow);
    }

    void setPolicy(String appId, String policy, String window, String by) {
        db.update("INSERT INTO update_policies (app_id, policy, window, set_by, updated_at) VALUES (?,?,?,?,?)"
                        + " ON CONFLICT (app_id) DO UPDATE SET policy = excluded.policy, window = excluded.window,"
                        + " set_by = excluded.set_by, updated_at = excluded.updated_at",
                appId, policy, window, by, clock.instant().toString());
    }

    void runStarted(String deploymentId, String appId, Map<String, Object> previous, Map<String, String> target, String by) {
        db.update("INSERT INTO update_runs (deployment_id, app_id, previous, target, status, created_by, created_at)"
                + " VALUES (?,?,?,?,?,?,?)", deploymentId, appId, json(previous), json(target), "running", by,
                clock.instant().toString());
    }

    void runEnded(String deploymentId, String status, String reason) {
        db.update("UPDATE update_runs SET status = ?, reason = ?, finished_at = ? WHERE deployment_id = ?",
                status, reason, clock.instant().toString(), deploymentId);
    }

    /**
     * Updates a restart interrupted end as their deployments ended (the deploy feature's recovery has finished them
     * by the time this runs); returns how many.
     */
    int settleInterrupted() {
        return db.update("UPDATE update_runs SET (status, reason, finished_at) = (SELECT d.status, d.reason,"
                + " COALESCE(d.finished_at, ?) FROM deployments d WHERE d.id = update_runs.deployment_id)"
                + " WHERE status = 'running' AND EXISTS (SELECT 1 FROM deployments d WHERE d.id = update_runs.deployment_id"
                + " AND d.status IN ('succeeded', 'failed', 'rolled-back', 'cancelled', 'interrupted'))",
                clock.instant().toString());
    }

    List<Run> runs(String appId, int limit) {
        return db.query("SELECT * FROM update_runs WHERE app_id = ? ORDER BY created_at DESC LIMIT ?", this::run, appId, limit);
    }

    Optional<Run> run(String deploymentId) {
        return db.queryOne("SELECT * FROM update_runs WHERE deployment_id = ?", this::run, deploymentId);
    }

    private ContainerCheck check(ResultSet row) throws SQLException {
        return new ContainerCheck(row.getString("app_id"), row.getString("environment"), row.getString("service"),
                row.getString("container_name"),
                row.getString("image"), row.getString("current_digest"), row.getString("remote_digest"),
                read(row.getString("newer_tags"), STRINGS), row.getString("status"), row.getString("error"),
                Instant.parse(row.getString("checked_at")));
    }

    private static UpdatePolicy policyRow(ResultSet row) throws SQLException {
        return new UpdatePolicy(row.getString("app_id"), row.getString("policy"), row.getString("window"),
                row.getString("set_by"), Instant.parse(row.getString("updated_at")));
    }

    private Run run(ResultSet row) throws SQLException {
        String finished = row.getString("finished_at");
        return new Run(row.getString("deployment_id"), row.getString("app_id"),
                read(row.getString("previous"), new TypeReference<Map<String, Object>>() { }),
                read(row.getString("target"), new TypeReference<Map<String, String>>() { }),
                row.getString("status"), row.getString("reason"), row.getString("created_by"),
                Instant.parse(row.getString("created_at")), finished == null ? null : Instant.parse(finished));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored value", e);
        }
    }
}
