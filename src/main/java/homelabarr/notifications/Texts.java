package homelabarr.notifications;

/** The plain-text form of a notification, for the channels that show text (ntfy, Gotify, Discord, e-mail). */
final class Texts {
    private Texts() {
    }

    static String plain(Notification n) {
        StringBuilder text = new StringBuilder(n.message());
        if (n.app() != null) {
            text.append("\n\nApp: ").append(n.app());
        }
        if (n.environment() != null) {
            text.append("\nEnvironment: ").append(n.environment());
        }
        text.append("\nTime: ").append(n.time());
        return text.toString();
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
