package homelabarr.deploy.events;

import homelabarr.http.SseStream;

/** An event as stored and streamed: its sequence number within the deployment, type and JSON data. */
public record StoredEvent(long seq, String type, String data) {
    boolean isFinal() {
        return type.equals("complete") || type.equals("error");
    }

    /** The event on the wire, live or replayed: its seq is the SSE id a reconnect sends back. */
    byte[] sseFrame() {
        return SseStream.frame(Long.toString(seq), type, data);
    }
}
