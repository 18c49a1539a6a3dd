package homelabarr.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opens stats streams ({@code /containers/{id}/stats?stream=true}) through docker-java's raw transport rather than
 * its {@code statsCmd}: we get the engine's JSON as is (parsed by {@link RawStats}, cgroup v1 and v2 alike), read on
 * the caller's virtual thread instead of a platform thread per stream, and closing the response aborts the
 * connection at once.
 */
public final class StatsReader {
    /**
     * Connections of the stats transport, so also the most streams that can be open at once. A stream holds its
     * connection as long as it runs; they get a pool of their own so they can never take the connections that list,
     * inspect, logs and deploy calls need.
     */
    public static final int MAX_STREAMS = 256;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{12,64}");
    private final DockerHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    public StatsReader(DockerHttpClient http) {
        this.http = http;
    }

    /**
     * Opens the stream of container {@code id}; returns once the engine sent its headers, which it does with the
     * first frame (at once when its collection loop is idle, else after up to 1 s). A missing container gives a
     * stream without frames.
     */
    public StatsFrames stream(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a container id");
        }
        DockerHttpClient.Response response = http.execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + id + "/stats?stream=true")
                .build());
        int status = response.getStatusCode();
        if (status != 200) {
            response.close();
            if (status == 404 || status == 409) {
                return new Frames(null, null);
            }
            throw new IOException("the engine answered " + status + " to a stats request");
        }
        try {
            return new Frames(response, mapper.readerFor(JsonNode.class).readValues(response.getBody()));
        } catch (IOException | RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** The engine writes one JSON object per frame; Jackson reads them as a sequence of root values. */
    private record Frames(DockerHttpClient.Response response, MappingIterator<JsonNode> values) implements StatsFrames {
        @Override
        public Optional<RawStats> next() throws IOException {
            if (values == null) {
                return Optional.empty();
            }
            try {
                return values.hasNextValue() ? RawStats.parse(values.nextValue()) : Optional.empty();
            } catch (RuntimeJsonMappingException e) {
                throw new IOException("unreadable stats frame", e);
            }
        }

        @Override
        public void close() {
            if (response != null) {
                response.close();  // aborts the request: a thread blocked in next() gets an IOException
            }
        }
    }
}
