package homelabarr.notifications;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** What happened. A channel names the kinds it wants; the wire names are the API's. */
public enum NotificationKind {
    DEPLOYMENT_FAILED("deployment.failed"),
    CONTAINER_RESTARTING("container.restarting"),
    UPDATE_AVAILABLE("update.available"),
    UPDATE_APPLIED("update.applied"),
    UPDATE_FAILED("update.failed"),
    UPDATE_ROLLED_BACK("update.rolled-back"),
    /** Sent only by "send test", whatever the channel wants. */
    TEST("test");

    private final String wireName;

    NotificationKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<NotificationKind> parse(String text) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(text)).findFirst();
    }
}
