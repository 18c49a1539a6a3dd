package homelabarr.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * A JSON POST signed with the channel's shared secret: {@code X-HomelabARR-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">} and {@code X-HomelabARR-Timestamp} (Unix seconds), so a receiver can check both who sent
 * it and that it is fresh (a replayed request carries an old timestamp). Each attempt is signed anew.
 */
final class WebhookSender implements Sender {
    static final String SIGNATURE = "X-HomelabARR-Signature";
    static final String TIMESTAMP = "X-HomelabARR-Timestamp";

    /** The body, every field always present; {@code delivery} is the same for every attempt of one delivery. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Body(long delivery, String kind, String app, String environment, String title, String message, String time) {
    }

    private final HttpDelivery http;
    private final ObjectMapper mapper;
    private final Clock clock;

    WebhookSender(HttpDelivery http, ObjectMapper mapper, Clock clock) {
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void send(Channel channel, Notification n, long deliveryId) throws DeliveryException {
        URI uri = URI.create(channel.setting("url"));
        String body;
        try {
            body = mapper.writeValueAsString(new Body(deliveryId, n.kind().wireName(), n.app(), n.environment(),
                    n.title(), n.message(), n.time().toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        http.post(http.request(uri)
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "sha256=" + sign(channel.setting("secret"), timestamp + "." + body))
                .header("X-HomelabARR-Event", n.kind().wireName())
                .header("X-HomelabARR-Delivery", Long.toString(deliveryId))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), uri);
    }

    static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
