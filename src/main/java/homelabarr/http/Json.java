package homelabarr.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/** Reads request bodies (bounded, strict) and writes JSON responses. */
public final class Json {
    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    public Json(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .setSerializationInclusion(JsonInclude.Include.NON_ABSENT);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBodyBytes)).build());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Parses the request body into {@code type}; an empty body is a 400 naming what was expected. */
    public <T> T read(ServerRequest req, Class<T> type) {
        byte[] body = bodyBytes(req);
        if (body.length == 0) {
            throw ApiException.badRequest("Missing request body", "Send a JSON object");
        }
        return parse(body, type);
    }

    /** Like {@link #read} but an absent body yields {@code emptyValue}. */
    public <T> T readOptional(ServerRequest req, Class<T> type, T emptyValue) {
        byte[] body = bodyBytes(req);
        return body.length == 0 ? emptyValue : parse(body, type);
    }

    private byte[] bodyBytes(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        req.headers().contentType().ifPresent(this::requireJson);
        if (req.headers().contentType().isEmpty()) {
            throw ApiException.unsupportedMediaType("no Content-Type");
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw ApiException.payloadTooLarge(maxBodyBytes);
            }
            return bytes;
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /**
     * The server's connection layer reports a body that ends early or has broken chunk framing with its own
     * unchecked exceptions: they are the client's mistake (400), not the server's (500).
     */
    private ApiException unreadable(Exception e) {
        if (e instanceof RequestException r && r.status().code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
            return ApiException.payloadTooLarge(maxBodyBytes);
        }
        return ApiException.badRequest("Incomplete request body",
                "The body ended before its declared length, or its chunked encoding is malformed", e);
    }

    private void requireJson(HttpMediaType type) {
        String subtype = type.mediaType().subtype();
        if (!type.mediaType().type().equals("application") || !(subtype.equals("json") || subtype.endsWith("+json"))) {
            throw ApiException.unsupportedMediaType(type.mediaType().text());
        }
    }

    private <T> T parse(byte[] body, Class<T> type) {
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("Invalid JSON", "Expected a JSON object, got null");
            }
            return value;
        } catch (JsonParseException e) {
            throw ApiException.badRequest("Invalid JSON", "Malformed JSON at line %d, column %d"
                    .formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr()));
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("Invalid request", "Unknown field '" + e.getPropertyName() + "'");
        } catch (MismatchedInputException e) {
            String field = fieldPath(e);
            throw ApiException.badRequest("Invalid request", field.isEmpty()
                    ? "Expected a JSON object"
                    : "Field '" + field + "' has the wrong type");
        } catch (JsonMappingException e) {
            String field = fieldPath(e);
            throw ApiException.badRequest("Invalid request", field.isEmpty()
                    ? "The body does not match the expected shape"
                    : "Field '" + field + "' is invalid");
        } catch (IOException e) {
            throw ApiException.badRequest("Invalid JSON", "The body is not valid JSON");
        }
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    public byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void send(ServerResponse res, int status, Object value) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        Bodies.send(res, bytes(value));
    }

    public void ok(ServerResponse res, Object value) {
        send(res, 200, value);
    }

    public void created(ServerResponse res, Object value) {
        send(res, 201, value);
    }
}
