package homelabarr.notifications;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a person wants to hear about: a failed deployment, a container that keeps restarting, an update
 * found, applied, failed or rolled back. {@code app} and {@code environment} may be null when they do not apply.
 * Every part that has news builds one and hands it to {@link Notifier#publish}.
 */
public record Notification(NotificationKind kind, String app, String environment, String title, String message,
                           Instant time) {
    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(time, "time");
    }
}
