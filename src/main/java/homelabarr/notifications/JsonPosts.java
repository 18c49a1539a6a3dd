package homelabarr.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The services with a documented JSON publish call: ntfy ({@code POST <server>} with the topic in the body, which
 * avoids non-ASCII text in headers), Gotify ({@code POST <server>/message} with the app token in
 * {@code X-Gotify-Key}, kept out of the URL and so out of proxies' logs) and Discord (an embed on the webhook).
 */
final class JsonPosts {
    private static final Map<String, Integer> NTFY_PRIORITY = Map.of("min", 1, "low", 2, "default", 3, "high", 4,
            "max", 5, "urgent", 5);
    /** Discord's limits: 256 characters of title, 4096 of description. */
    private static final int DISCORD_TITLE = 256;
    private static final int DISCORD_TEXT = 4096;

    private final HttpDelivery http;
    private final ObjectMapper mapper;

    JsonPosts(HttpDelivery http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    Sender ntfy() {
        return (channel, n, id) -> {
            URI uri = URI.create(stripSlash(channel.setting("url")) + "/");
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("topic", channel.setting("topic"));
            body.put("title", n.title());
            body.put("message", Texts.plain(n));
            body.put("tags", java.util.List.of(n.kind() == NotificationKind.TEST ? "white_check_mark" : "warning"));
            String priority = channel.setting("priority");
            if (priority != null) {
                body.put("priority", NTFY_PRIORITY.getOrDefault(priority.toLowerCase(java.util.Locale.ROOT),
                        priority.chars().allMatch(Character::isDigit) ? Integer.parseInt(priority) : 3));
            }
            HttpRequest.Builder req = json(http.request(uri), body);
            String token = channel.setting("token");
            if (token != null) {
                req.header("Authorization", "Bearer " + token);
            }
            http.post(req, uri);
        };
    }

    Sender gotify() {
        return (channel, n, id) -> {
            URI uri = URI.create(stripSlash(channel.setting("url")) + "/message");
            String priority = channel.setting("priority");
            Map<String, Object> body = Map.of("title", n.title(), "message", Texts.plain(n),
                    "priority", priority == null ? 5 : Integer.parseInt(priority));
            http.post(json(http.request(uri), body).header("X-Gotify-Key", channel.setting("token")), uri);
        };
    }

    Sender discord() {
        return (channel, n, id) -> {
            URI uri = URI.create(channel.setting("webhookUrl"));
            Map<String, Object> embed = Map.of("title", Texts.cut(n.title(), DISCORD_TITLE),
                    "description", Texts.cut(Texts.plain(n), DISCORD_TEXT), "timestamp", n.time().toString(),
                    "color", n.kind() == NotificationKind.TEST ? 0x2E7D32 : 0xC62828);
            String username = channel.setting("username");
            Map<String, Object> body = Map.of("username", username == null ? "HomelabARR" : username,
                    "embeds", java.util.List.of(embed));
            http.post(json(http.request(uri), body), uri);
        };
    }

    private HttpRequest.Builder json(HttpRequest.Builder req, Object body) {
        try {
            return req.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
