package homelabarr.deploy.events;

import homelabarr.deploy.plan.Mode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.db.Database;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code deployments} table. */
public final class DeploymentStore {
    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() { };
    private static final TypeReference<List<Replaced>> REPLACED = new TypeReference<>() { };
    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;

    /** A container of the previous deployment that a redeploy stopped and renamed to {@code tempName}. */
    public record Replaced(String id, String name, String tempName, boolean running) {
    }

    public DeploymentStore(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Deployment create(String id, String appId, String appName, Mode mode, Map<String, String> maskedSettings,
                      boolean redeploy, String createdBy) {
        return create(id, appId, appName, mode, maskedSettings, redeploy, createdBy, "local");
    }

    public Deployment create(String id, String appId, String appName, Mode mode, Map<String, String> maskedSettings,
                      boolean redeploy, String createdBy, String environment) {
        return insert(id, appId, appName, mode, maskedSettings, redeploy, createdBy, environment, Deployment.CONTAINERS);
    }

    /** A swarm stack's deployment (always in standard mode: a stack is reached on its published ports). */
    public Deployment createStack(String id, String appId, String appName, Map<String, String> maskedSettings,
                                  boolean redeploy, String createdBy, String environment) {
        return insert(id, appId, appName, new Mode.Standard(), maskedSettings, redeploy, createdBy, environment,
                Deployment.STACK);
    }

    private Deployment insert(String id, String appId, String appName, Mode mode, Map<String, String> maskedSettings,
                              boolean redeploy, String createdBy, String environment, String kind) {
        Instant now = clock.instant();
        db.update("INSERT INTO deployments (id, app_id, app_name, mode, status, settings, redeploy, created_by, created_at,"
                        + " environment, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?)", id, appId, appName, mode.wireName(),
                DeploymentStatus.QUEUED.wireName(), json(maskedSettings), redeploy ? 1 : 0, createdBy, now.toString(),
                environment, kind);
        return find(id).orElseThrow();
    }

    /** Moves to {@code status}; the first move stamps started_at, an end state stamps finished_at. */
    void status(String id, DeploymentStatus status, String reason) {
        String now = clock.instant().toString();
        db.update("UPDATE deployments SET status = ?, reason = COALESCE(?, reason),"
                        + " started_at = COALESCE(started_at, CASE WHEN ? THEN NULL ELSE ? END),"
                        + " finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE id = ?",
                status.wireName(), reason, status == DeploymentStatus.QUEUED, now, status.isFinal(), now, id);
    }

    public void replaced(String id, List<Replaced> containers) {
        db.update("UPDATE deployments SET replaced = ? WHERE id = ?", json(containers), id);
    }

    public List<Replaced> replaced(String id) {
        return db.queryOne("SELECT COALESCE(replaced, '[]') FROM deployments WHERE id = ?", row -> row.getString(1), id)
                .map(text -> read(text, REPLACED)).orElse(List.of());
    }

    public Optional<Deployment> find(String id) {
        return db.queryOne("SELECT * FROM deployments WHERE id = ?", this::row, id);
    }

    /** Newest first, optionally only one app's or one status's, in every environment. */
    public List<Deployment> list(String appId, String status, int limit) {
        return list(null, appId, status, limit);
    }

    /** Newest first, optionally only one environment's (null: all), one app's or one status's. */
    public List<Deployment> list(String environment, String appId, String status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM deployments WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (environment != null) {
            sql.append(" AND environment = ?");
            params.add(environment);
        }
        if (appId != null) {
            sql.append(" AND app_id = ?");
            params.add(appId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        sql.append(" ORDER BY created_at DESC, rowid DESC LIMIT ?");
        params.add(limit);
        return db.query(sql.toString(), this::row, params.toArray());
    }

    /**
     * The app's last successful deployment of {@code kind} (on {@code environment}, or anywhere when null): what a
     * redeploy or an update starts from. By kind, so a swarm stack's settings never seed a container deploy.
     */
    public Optional<Deployment> lastSucceeded(String environment, String appId, String kind) {
        return db.queryOne("SELECT * FROM deployments WHERE app_id = ? AND status = ? AND kind = ?"
                        + (environment == null ? "" : " AND environment = ?") + " ORDER BY created_at DESC, rowid DESC LIMIT 1",
                this::row, environment == null ? new Object[] {appId, DeploymentStatus.SUCCEEDED.wireName(), kind}
                        : new Object[] {appId, DeploymentStatus.SUCCEEDED.wireName(), kind, environment});
    }

    /** Deployments of {@code kind} that never reached an end state: the server stopped while they ran. */
    public List<Deployment> unfinished(String kind) {
        List<Object> params = new ArrayList<>(Arrays.stream(DeploymentStatus.values()).filter(s -> !s.isFinal())
                .map(DeploymentStatus::wireName).toList());
        String marks = "?,".repeat(params.size() - 1) + "?";
        params.add(kind);
        return db.query("SELECT * FROM deployments WHERE status IN (" + marks + ") AND kind = ?", this::row,
                params.toArray());
    }

    private Deployment row(ResultSet row) throws SQLException {
        return new Deployment(row.getString("id"), row.getString("app_id"), row.getString("app_name"),
                row.getString("mode"), row.getString("status"), row.getString("reason"),
                read(row.getString("settings"), SETTINGS), row.getInt("redeploy") == 1, row.getString("created_by"),
                instant(row.getString("created_at")), instant(row.getString("started_at")),
                instant(row.getString("finished_at")), row.getString("environment"), row.getString("kind"));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
