package homelabarr.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one stats sample through docker-java's transport: its {@code statsCmd} only streams, while the engine can
 * answer a single sample ({@code stream=false}), optionally without waiting for a second one ({@code one-shot=true}).
 */
public final class StatsReader {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{12,64}");
    private final DockerHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    public StatsReader(DockerHttpClient http) {
        this.http = http;
    }

    /**
     * One sample of container {@code id}. With {@code oneShot} the engine answers after its next collection pass (up to
     * ~1 s) but without {@code precpu}; without it the engine waits for a second pass (~2 s) and fills in
     * {@code precpu}. Empty when the container is gone or not running.
     */
    public Optional<RawStats> read(String id, boolean oneShot) throws IOException {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a container id");
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + id + "/stats?stream=false" + (oneShot ? "&one-shot=true" : ""))
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            int status = response.getStatusCode();
            if (status == 404 || status == 409) {
                return Optional.empty();
            }
            if (status != 200) {
                throw new IOException("the engine answered " + status + " to a stats request");
            }
            return RawStats.parse(mapper.readTree(response.getBody()));
        }
    }
}
