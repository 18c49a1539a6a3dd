package homelabarr.deploy.events;

/** An event as stored and streamed: its sequence number within the deployment, type and JSON data. */
public record StoredEvent(long seq, String type, String data) {
    boolean isFinal() {
        return type.equals("complete") || type.equals("error");
    }
}
