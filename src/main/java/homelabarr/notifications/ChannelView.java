package homelabarr.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A channel as the API shows it: plain settings, and only the names of the secret settings that are set
 * ({@code secretsSet}), never their values. {@code lastError} is the last failed delivery's reason.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ChannelView(String id, String name, ChannelType type, boolean enabled, List<NotificationKind> events,
                   Map<String, String> settings, List<String> secretsSet, String lastError, Instant lastErrorAt,
                   Instant lastSuccessAt, String createdBy, Instant createdAt, Instant updatedAt) {

    static ChannelView of(Channel c) {
        return new ChannelView(c.id(), c.name(), c.type(), c.enabled(), c.events().stream().sorted().toList(),
                c.settings(), c.secrets().keySet().stream().sorted().toList(), c.lastError(), c.lastErrorAt(),
                c.lastSuccessAt(), c.createdBy(), c.createdAt(), c.updatedAt());
    }
}
