package homelabarr.deploy.plan;

import homelabarr.errors.Refused;

/**
 * How an app is reached. {@code standard}: on its own host port. {@code traefik}: behind the Traefik proxy at
 * {@code <slug>.<DOMAIN>}. {@code authelia}: like traefik, plus Authelia's forward-auth login in front.
 */
public sealed interface Mode permits Mode.Standard, Mode.Traefik, Mode.Authelia {
    String wireName();

    /** True when the app is served through Traefik (and needs no host port for its web UI). */
    default boolean proxied() {
        return !(this instanceof Standard);
    }

    record Standard() implements Mode {
        public String wireName() {
            return "standard";
        }
    }

    record Traefik() implements Mode {
        public String wireName() {
            return "traefik";
        }
    }

    record Authelia() implements Mode {
        public String wireName() {
            return "authelia";
        }
    }

    static Mode parse(String wire) {
        return switch (wire == null ? "standard" : wire) {
            case "standard" -> new Standard();
            case "traefik" -> new Traefik();
            case "authelia" -> new Authelia();
            default -> throw Refused.invalidField("mode.type", "must be one of standard, traefik, authelia");
        };
    }
}
