package homelabarr.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every way a call to the Docker Engine can fail, as one type the features handle and the HTTP edge maps:
 * {@link Kind#UNREACHABLE} is a 503 for the whole server; the others concern the one request. {@code action} says
 * what was being done ("stop container web"); {@link #engineMessage()} is the engine's own words, which may name
 * host paths: for deployment reasons and the log, not for every answer.
 */
public final class EngineException extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, BAD_REQUEST, UNREACHABLE, FAILED }

    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int MAX = 400;
    private final Kind kind;
    private final String action;
    private final int status;
    private final String engineMessage;

    public EngineException(Kind kind, String action, int status, String engineMessage, Throwable cause) {
        super(action + ": " + kind, cause, false, false);
        this.kind = kind;
        this.action = action;
        this.status = status;
        this.engineMessage = engineMessage;
    }

    static EngineException unreachable(String action, Throwable cause) {
        return new EngineException(Kind.UNREACHABLE, action, 0, "the Docker Engine is not reachable", cause);
    }

    public Kind kind() {
        return kind;
    }

    public String action() {
        return action;
    }

    /** The engine's HTTP status, 0 when it did not answer. */
    public int status() {
        return status;
    }

    public String engineMessage() {
        return engineMessage;
    }

    /** The engine's words with host paths replaced, for logs and answers that anyone may read. */
    public String maskedMessage() {
        return engineMessage.replaceAll("(/[^\\s:'\"\\]]+)+", "<path>").strip();
    }

    /** The engine's message out of docker-java's "Status 404: {"message":"..."}", shortened. */
    static String messageOf(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = MESSAGE.matcher(text);
        if (m.find()) {
            text = m.group(1).replace("\\\"", "\"").replace("\\n", " ");
        }
        text = text.strip();
        return text.length() > MAX ? text.substring(0, MAX) + "…" : text;
    }
}
