package homelabarr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a Server-Sent Events stream one event at a time; comments (heartbeats) are skipped. */
public final class Sse implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpResponse<InputStream> response;
    private final BufferedReader in;

    /** One event: its id (-1 without one), its name ("message" without one) and its data, parsed when JSON. */
    public record Event(long id, String type, JsonNode data) {
    }

    public Sse(HttpResponse<InputStream> response) {
        this.response = response;
        this.in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    /** The next event, or null once the server ended the stream. */
    public Event next() {
        try {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty() || name != null) {
                        return new Event(id == null ? -1 : Long.parseLong(id), name == null ? "message" : name,
                                parse(data.toString()));
                    }
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(6));
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event until the server ends the stream. */
    public List<Event> readAll() {
        List<Event> out = new ArrayList<>();
        for (Event e; (e = next()) != null; ) {
            out.add(e);
        }
        return out;
    }

    private static JsonNode parse(String data) {
        try {
            return MAPPER.readTree(data);
        } catch (IOException notJson) {
            return TextNode.valueOf(data);
        }
    }

    /** Leaves the stream: the server sees the client gone on its next write. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // leaving
        }
    }
}
