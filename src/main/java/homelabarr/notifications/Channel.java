package homelabarr.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A channel as the server uses it, secrets decrypted. Only {@link ChannelView} leaves the server. {@code settings}
 * holds the plain settings, {@code secrets} the secret ones.
 */
record Channel(String id, String name, ChannelType type, boolean enabled, Set<NotificationKind> events,
               Map<String, String> settings, Map<String, String> secrets, String lastError, Instant lastErrorAt,
               Instant lastSuccessAt, String createdBy, Instant createdAt, Instant updatedAt) {

    boolean wants(NotificationKind kind) {
        return enabled && events.contains(kind);
    }

    /** A plain or secret setting, or null. */
    String setting(String name) {
        String plain = settings.get(name);
        return plain != null ? plain : secrets.get(name);
    }
}
