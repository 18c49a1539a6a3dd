package homelabarr.notifications;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of channel and the settings each takes. Secret settings are encrypted at rest and never returned; a
 * Discord webhook URL is one, since the URL itself is the credential.
 */
public enum ChannelType {
    WEBHOOK("webhook", List.of(Field.url("url", true), Field.secret("secret", true))),
    NTFY("ntfy", List.of(Field.url("url", true), Field.plain("topic", true), Field.plain("priority", false),
            Field.secret("token", false))),
    GOTIFY("gotify", List.of(Field.url("url", true), Field.secret("token", true), Field.plain("priority", false))),
    DISCORD("discord", List.of(Field.secretUrl("webhookUrl"), Field.plain("username", false))),
    EMAIL("email", List.of(Field.plain("host", true), Field.plain("port", false), Field.plain("security", false),
            Field.plain("username", false), Field.secret("password", false), Field.plain("from", true),
            Field.plain("to", true)));

    /** One setting: {@code url} ones must be http(s) URLs. */
    public record Field(String name, boolean required, boolean secret, boolean url) {
        static Field plain(String name, boolean required) {
            return new Field(name, required, false, false);
        }

        static Field url(String name, boolean required) {
            return new Field(name, required, false, true);
        }

        static Field secret(String name, boolean required) {
            return new Field(name, required, true, false);
        }

        static Field secretUrl(String name) {
            return new Field(name, true, true, true);
        }
    }

    private final String wireName;
    private final List<Field> fields;

    ChannelType(String wireName, List<Field> fields) {
        this.wireName = wireName;
        this.fields = fields;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public static Optional<ChannelType> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(text)).findFirst();
    }
}
