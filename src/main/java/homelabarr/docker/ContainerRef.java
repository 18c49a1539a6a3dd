package homelabarr.docker;

/** A container the engine resolved from an id, short id or name: enough to act on it and read its logs. */
public record ContainerRef(String id, String name, String state, boolean running, boolean tty) {
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
