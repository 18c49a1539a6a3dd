package homelabarr.updates;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an app does when an update is found: {@code notify} (the default: report it, an administrator applies it),
 * {@code auto} (applied by the scheduled check, only inside {@code window}, UTC {@code HH:MM-HH:MM}, which may
 * span midnight; no window means any time) or {@code pinned} (never updated, not even by hand, and not reported).
 */
record UpdatePolicy(String appId, String policy, String window, String setBy, Instant updatedAt) {
    static final String NOTIFY = "notify";
    static final String AUTO = "auto";
    static final String PINNED = "pinned";
    private static final Pattern WINDOW = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]):([0-5]\\d)");

    static UpdatePolicy standard(String appId) {
        return new UpdatePolicy(appId, NOTIFY, null, null, null);
    }

    static boolean known(String policy) {
        return NOTIFY.equals(policy) || AUTO.equals(policy) || PINNED.equals(policy);
    }

    static boolean validWindow(String window) {
        return WINDOW.matcher(window).matches();
    }

    /** Inside the maintenance window at {@code now} (always, without one). */
    boolean inWindow(Instant now) {
        if (window == null) {
            return true;
        }
        Matcher m = WINDOW.matcher(window);
        if (!m.matches()) {
            return false;
        }
        LocalTime from = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        LocalTime to = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        LocalTime at = now.atOffset(ZoneOffset.UTC).toLocalTime();
        return from.isBefore(to) ? !at.isBefore(from) && at.isBefore(to) : !at.isBefore(from) || at.isBefore(to);
    }
}
