package homelabarr.notifications;

import homelabarr.db.SecretBox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.db.Database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code notification_channels} table; secret settings go through the {@link SecretBox} both ways. */
final class ChannelStore {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };

    private final Database db;
    private final ObjectMapper mapper;
    private final SecretBox box;
    private final Clock clock;

    ChannelStore(Database db, ObjectMapper mapper, SecretBox box, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.box = box;
        this.clock = clock;
    }

    void insert(Channel c) {
        db.update("INSERT INTO notification_channels (id, name, type, enabled, events, settings, secrets, created_by,"
                        + " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", c.id(), c.name(), c.type().wireName(),
                c.enabled() ? 1 : 0, events(c.events()), json(c.settings()), sealed(c.id(), c.secrets()), c.createdBy(),
                c.createdAt().toString(), c.updatedAt().toString());
    }

    void update(Channel c) {
        db.update("UPDATE notification_channels SET name = ?, enabled = ?, events = ?, settings = ?, secrets = ?,"
                        + " updated_at = ? WHERE id = ?", c.name(), c.enabled() ? 1 : 0, events(c.events()),
                json(c.settings()), sealed(c.id(), c.secrets()), c.updatedAt().toString(), c.id());
    }

    boolean delete(String id) {
        return db.update("DELETE FROM notification_channels WHERE id = ?", id) > 0;
    }

    Optional<Channel> find(String id) {
        return db.queryOne("SELECT * FROM notification_channels WHERE id = ?", this::row, id);
    }

    boolean nameTaken(String name, String exceptId) {
        return db.queryOne("SELECT 1 FROM notification_channels WHERE name = ? AND id <> ?", r -> true, name,
                exceptId == null ? "" : exceptId).isPresent();
    }

    List<Channel> all() {
        return db.query("SELECT * FROM notification_channels ORDER BY name", this::row);
    }

    /** A delivery's outcome: the last error (null clears nothing, it stamps the success). */
    void outcome(String id, String error) {
        String now = clock.instant().toString();
        if (error == null) {
            db.update("UPDATE notification_channels SET last_success_at = ? WHERE id = ?", now, id);
        } else {
            db.update("UPDATE notification_channels SET last_error = ?, last_error_at = ? WHERE id = ?", error, now, id);
        }
    }

    private Channel row(ResultSet r) throws SQLException {
        String id = r.getString("id");
        Map<String, String> secrets = new LinkedHashMap<>();
        read(r.getString("secrets"), MAP).forEach((name, value) -> secrets.put(name, box.open(value, slot(id, name))));
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        read(r.getString("events"), LIST).forEach(k -> NotificationKind.parse(k).ifPresent(kinds::add));
        return new Channel(id, r.getString("name"), ChannelType.parse(r.getString("type")).orElseThrow(),
                r.getInt("enabled") == 1, kinds, read(r.getString("settings"), MAP), secrets,
                r.getString("last_error"), instant(r.getString("last_error_at")),
                instant(r.getString("last_success_at")), r.getString("created_by"),
                instant(r.getString("created_at")), instant(r.getString("updated_at")));
    }

    private String sealed(String id, Map<String, String> secrets) {
        Map<String, String> sealed = new LinkedHashMap<>();
        secrets.forEach((name, value) -> sealed.put(name, box.seal(value, slot(id, name))));
        return json(sealed);
    }

    private static String slot(String channelId, String name) {
        return "notification_channels/" + channelId + "/" + name;
    }

    private String events(Set<NotificationKind> kinds) {
        return json(kinds.stream().map(NotificationKind::wireName).sorted().toList());
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
            throw new IllegalStateException("a stored channel is not valid JSON", e);
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
