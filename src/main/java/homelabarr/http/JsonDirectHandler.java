package homelabarr.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers for requests the server rejects before routing (unparseable request line, oversized headers, bodies
 * over the hard limit) in the same {@code {"error","details"}} shape as everything else. Helidon's message is
 * not echoed: it may quote the request.
 */
public final class JsonDirectHandler implements DirectHandler {
    private final Json json;

    public JsonDirectHandler(Json json) {
        this.json = json;
    }

    public DirectHandlers handlers() {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, this);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        int code = status.code();
        ErrorBody body = switch (code) {
            case 413 -> new ErrorBody("Request body too large", "The request body exceeds the limit");
            case 414 -> new ErrorBody("URI too long", "Shorten the request path and query");
            case 431 -> new ErrorBody("Request headers too large", "Send fewer or smaller headers");
            case 404 -> new ErrorBody("Not found", "No such resource");
            default -> code >= 500
                    ? new ErrorBody("Internal server error", "The server could not complete the request")
                    : new ErrorBody("Bad request", "The HTTP request could not be parsed");
        };
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .entity(json.bytes(body))
                .build();
    }
}
