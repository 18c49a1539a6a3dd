package homelabarr.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.db.Database;

import java.time.Clock;

/** The administrator's deploy policy settings, kept in the settings table; the defaults until one is saved. */
final class PolicyStore {
    private static final String KEY = "deploy-policy";
    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile Versioned current;

    /** Settings with a number that changes on every save, so views computed from them know when to recompute. */
    record Versioned(PolicySettings settings, long version) {
    }

    PolicyStore(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
        this.current = new Versioned(load(), 1);
    }

    Versioned current() {
        return current;
    }

    synchronized void save(PolicySettings settings, String by) {
        String json;
        try {
            json = mapper.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        db.update("INSERT INTO settings (key, value, updated_by, updated_at) VALUES (?,?,?,?) "
                + "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, "
                + "updated_at = excluded.updated_at", KEY, json, by, clock.instant().toString());
        current = new Versioned(settings, current.version() + 1);
    }

    private PolicySettings load() {
        return db.queryOne("SELECT value FROM settings WHERE key = ?", row -> row.getString("value"), KEY)
                .map(this::parse).orElse(PolicySettings.DEFAULTS);
    }

    private PolicySettings parse(String json) {
        try {
            return mapper.readValue(json, PolicySettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored deploy policy cannot be read", e);
        }
    }
}
