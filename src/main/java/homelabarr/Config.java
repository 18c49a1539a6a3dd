package homelabarr;

import homelabarr.auth.Auth;
import homelabarr.http.TrustedProxies;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Settings read from the environment once at start; a bad value stops startup with the variable's name. */
public record Config(
        int port,
        String bindAddress,
        Path dataDir,
        String dockerHost,
        boolean authEnabled,
        Optional<String> jwtSecret,
        Duration jwtExpiresIn,
        Optional<String> adminPassword,
        Optional<String> corsOrigin,
        TrustedProxies trustedProxies,
        String traefikNetwork,
        String traefikEntrypoint,
        String traefikCertResolver,
        String autheliaMiddleware,
        Duration deployVerifyTimeout,
        Duration requestTimeout,
        int maxConnections,
        Duration updateCheckInterval,
        Duration updateHealthWait) {

    public static final int DEFAULT_PORT = 8092;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    /** A setting that cannot be used; the message names the variable. */
    public static final class InvalidConfigException extends RuntimeException {
        public InvalidConfigException(String variable, String problem) {
            super(variable + ": " + problem);
        }
    }

    public static Config load(Map<String, String> env) {
        return new Config(
                port(env),
                bindAddress(env),
                dataDir(env),
                dockerHost(env),
                bool(env, "AUTH_ENABLED", true),
                jwtSecret(env),
                duration(env, "JWT_EXPIRES_IN", Duration.ofHours(8)),
                adminPassword(env),
                corsOrigin(env),
                trustedProxies(env),
                name(env, "TRAEFIK_NETWORK", "proxy", "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}", "a Docker network name such as proxy"),
                name(env, "TRAEFIK_ENTRYPOINT", "websecure", "[A-Za-z0-9_-]{1,64}", "a Traefik entrypoint name such as websecure"),
                name(env, "TRAEFIK_CERT_RESOLVER", "letsencrypt", "[A-Za-z0-9_-]{1,64}", "a certificate resolver name such as letsencrypt"),
                name(env, "AUTHELIA_MIDDLEWARE", "authelia@docker", "[A-Za-z0-9_-]{1,64}(@[A-Za-z0-9_-]{1,32})?",
                        "a Traefik middleware such as authelia@docker"),
                duration(env, "DEPLOY_VERIFY_TIMEOUT", Duration.ofSeconds(120), Duration.ofSeconds(1), Duration.ofHours(1)),
                duration(env, "REQUEST_TIMEOUT", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                maxConnections(env),
                updateCheckInterval(env),
                duration(env, "UPDATE_HEALTH_WAIT", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10)));
    }

    /** How often installed apps are checked for updates; {@code off} (or 0) turns the scheduled check off. */
    private static Duration updateCheckInterval(Map<String, String> env) {
        String raw = value(env, "UPDATE_CHECK_INTERVAL").orElse("6h").toLowerCase(Locale.ROOT);
        if (raw.equals("off") || raw.equals("0")) {
            return Duration.ZERO;
        }
        return duration(env, "UPDATE_CHECK_INTERVAL", Duration.ofHours(6), Duration.ofMinutes(5), Duration.ofDays(30));
    }

    /** 0 means "derived from the open-file limit" (see {@code http.ConnectionLimit}). */
    private static int maxConnections(Map<String, String> env) {
        Optional<String> raw = value(env, "MAX_CONNECTIONS");
        if (raw.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(raw.get());
            if (n < 8 || n > 100_000) {
                throw new InvalidConfigException("MAX_CONNECTIONS", "must be between 8 and 100000, got " + raw.get());
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("MAX_CONNECTIONS", "must be a number, got '" + raw.get() + "'");
        }
    }

    /** A name that ends up in Docker labels or network names: restricted so it cannot break a Traefik rule. */
    private static String name(Map<String, String> env, String variable, String fallback, String pattern, String what) {
        String raw = value(env, variable).orElse(fallback);
        if (!raw.matches(pattern)) {
            throw new InvalidConfigException(variable, "must be " + what + ", got '" + raw + "'");
        }
        return raw;
    }


    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int port(Map<String, String> env) {
        String raw = value(env, "PORT").orElse(Integer.toString(DEFAULT_PORT));
        try {
            int port = Integer.parseInt(raw);
            if (port < 0 || port > 65535) {
                throw new InvalidConfigException("PORT", "must be between 0 and 65535, got " + raw);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("PORT", "must be a number, got '" + raw + "'");
        }
    }

    private static String bindAddress(Map<String, String> env) {
        String raw = value(env, "BIND_ADDRESS").orElse("0.0.0.0");
        if (!raw.matches("[0-9a-fA-F.:]+|localhost")) {
            throw new InvalidConfigException("BIND_ADDRESS", "must be an IP address such as 0.0.0.0 or 127.0.0.1, got '" + raw + "'");
        }
        try {
            InetAddress.getByName(raw);
            return raw;
        } catch (Exception e) {
            throw new InvalidConfigException("BIND_ADDRESS", "is not a valid address: '" + raw + "'");
        }
    }

    private static Path dataDir(Map<String, String> env) {
        String raw = value(env, "DATA_DIR").orElse("./data");
        try {
            Path dir = Path.of(raw).toAbsolutePath().normalize();
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new InvalidConfigException("DATA_DIR", "exists but is not a directory");
            }
            return dir;
        } catch (InvalidPathException e) {
            throw new InvalidConfigException("DATA_DIR", "is not a valid path");
        }
    }

    /** Checked here, not at first start, so a weak password stops startup even when the admin already exists. */
    private static Optional<String> adminPassword(Map<String, String> env) {
        Optional<String> password = value(env, "HOMELABARR_ADMIN_PASSWORD");
        password.map(Auth::adminPasswordProblem).ifPresent(problem -> {
            throw new InvalidConfigException("HOMELABARR_ADMIN_PASSWORD", problem);
        });
        return password;
    }

    private static String dockerHost(Map<String, String> env) {
        String raw = value(env, "DOCKER_HOST").orElse("unix:///var/run/docker.sock");
        try {
            URI uri = URI.create(raw);
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            if (!scheme.equals("unix") && !scheme.equals("tcp")) {
                throw new InvalidConfigException("DOCKER_HOST", "must start with unix:// or tcp://, got '" + raw + "'");
            }
            return raw;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("DOCKER_HOST", "is not a valid address: '" + raw + "'");
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String raw = value(env, name).orElse(Boolean.toString(fallback)).toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidConfigException(name, "must be true or false, got '" + raw + "'");
        };
    }

    private static Optional<String> jwtSecret(Map<String, String> env) {
        Optional<String> secret = value(env, "JWT_SECRET");
        if (secret.isPresent() && secret.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new InvalidConfigException("JWT_SECRET", "must be at least 32 bytes long (HS256 needs a 256-bit key)");
        }
        return secret;
    }

    /** Accepts {@code 3600}, {@code 45s}, {@code 30m}, {@code 8h} or {@code 7d}; between one minute and 30 days. */
    static Duration duration(Map<String, String> env, String name, Duration fallback) {
        return duration(env, name, fallback, Duration.ofMinutes(1), Duration.ofDays(30));
    }

    static Duration duration(Map<String, String> env, String name, Duration fallback, Duration min, Duration max) {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(raw.get().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidConfigException(name, "must look like 90, 90s, 30m, 8h or 7d, got '" + raw.get() + "'");
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new InvalidConfigException(name, "must be between " + human(min) + " and " + human(max)
                    + ", got '" + raw.get() + "'");
        }
        return d;
    }

    private static String human(Duration d) {
        return d.toDaysPart() > 0 && d.toHoursPart() == 0 ? d.toDays() + (d.toDays() == 1 ? " day" : " days")
                : d.toSeconds() % 60 == 0 ? d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes")
                : d.toSeconds() + " seconds";
    }

    private static Optional<String> corsOrigin(Map<String, String> env) {
        Optional<String> origin = value(env, "CORS_ORIGIN");
        origin.ifPresent(o -> {
            if (!o.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
                throw new InvalidConfigException("CORS_ORIGIN", "must be one origin such as https://home.example.com, got '" + o + "'");
            }
        });
        return origin;
    }

    private static TrustedProxies trustedProxies(Map<String, String> env) {
        try {
            return value(env, "TRUSTED_PROXIES").map(TrustedProxies::parse).orElse(TrustedProxies.NONE);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("TRUSTED_PROXIES", e.getMessage());
        }
    }

    /** The engine is on a local unix socket: this process sees the Docker host's file system. */
    public boolean localEngine() {
        return dockerHost.startsWith("unix://");
    }

    public Path databaseFile() {
        return dataDir.resolve("homelabarr.db");
    }
}
