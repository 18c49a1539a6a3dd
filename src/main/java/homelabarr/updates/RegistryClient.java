package homelabarr.updates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.catalog.ImageRef;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Asks a registry (Docker Registry HTTP API v2 / OCI distribution) about a tag without pulling anything: a manifest
 * {@code HEAD} for its digest, and the tag list. Follows the registry's {@code WWW-Authenticate} answer: the Bearer
 * token flow (anonymous, or with the stored credentials for that registry) or Basic. A 429 becomes
 * {@link RegistryException.Kind#RATE_LIMITED} carrying the registry's {@code Retry-After}.
 */
final class RegistryClient {
    /** Index types first: for a multi-platform image the digest the engine records at pull is the index's. */
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DEFAULT_RETRY = Duration.ofMinutes(5);
    private static final int MAX_TAG_PAGES = 10;

    /** A login for one registry. */
    record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    private record Token(String value, Instant expires) {
    }

    private final Object httpLock = new Object();
    /** Built by the first check, not at start: it starts a selector thread and loads the trusted certificates. */
    private HttpClient http;
    private final ObjectMapper mapper;
    private final Function<String, Optional<Login>> logins;
    private final Clock clock;
    /** Bearer tokens by registry and scope, reused until shortly before they expire. */
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    RegistryClient(ObjectMapper mapper, Function<String, Optional<Login>> logins, Clock clock) {
        this.mapper = mapper;
        this.logins = logins;
        this.clock = clock;
    }

    /** The digest the registry serves for {@code image}'s tag now. */
    String digest(ImageRef image) throws RegistryException {
        Registry registry = Registry.of(image);
        String reference = image.tag() != null ? image.tag() : image.digest();
        HttpResponse<String> res = send(registry, "HEAD", registry.manifest(reference), image);
        return res.headers().firstValue("Docker-Content-Digest").filter(d -> d.startsWith("sha256:"))
                .orElseThrow(() -> new RegistryException(RegistryException.Kind.PROTOCOL,
                        registry.host() + " gave no Docker-Content-Digest for " + image.canonical()));
    }

    /** Every tag of {@code image}'s repository (following the registry's pages, at most ten of them). */
    List<String> tags(ImageRef image) throws RegistryException {
        Registry registry = Registry.of(image);
        List<String> all = new ArrayList<>();
        URI next = registry.tags();
        for (int page = 0; page < MAX_TAG_PAGES && next != null; page++) {
            HttpResponse<String> res = send(registry, "GET", next, image);
            try {
                JsonNode tags = mapper.readTree(res.body()).path("tags");
                tags.forEach(t -> all.add(t.asText()));
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, registry.host() + " sent an unreadable tag list");
            }
            next = res.headers().firstValue("Link").flatMap(RegistryClient::nextPage).map(registry.base()::resolve).orElse(null);
        }
        return all;
    }

    private HttpResponse<String> send(Registry registry, String method, URI uri, ImageRef image) throws RegistryException {
        String scope = "repository:" + registry.repository() + ":pull";
        String key = registry.host() + " " + scope;
        Token cached = tokens.get(key);
        String authorization = cached != null && cached.expires().isAfter(clock.instant()) ? "Bearer " + cached.value() : null;
        HttpResponse<String> res = exchange(method, uri, authorization, registry);
        if (res.statusCode() == 401) {
            Challenge challenge = res.headers().firstValue("WWW-Authenticate").flatMap(Challenge::parse)
                    .orElseThrow(() -> new RegistryException(RegistryException.Kind.AUTH,
                            registry.host() + " refused access to " + image.name() + " without saying how to log in"));
            Optional<Login> login = logins.apply(registry.host());
            if (challenge.bearer()) {
                Token token = token(registry, challenge, scope, login);
                tokens.put(key, token);
                authorization = "Bearer " + token.value();
            } else if (challenge.basic() && login.isPresent()) {
                authorization = basic(login.get());
            } else {
                throw new RegistryException(RegistryException.Kind.AUTH, registry.host() + " needs credentials for "
                        + image.name() + ": an administrator can store them (PUT /updates/registries/{registry})");
            }
            res = exchange(method, uri, authorization, registry);
        }
        return checked(res, registry, image);
    }

    private HttpResponse<String> checked(HttpResponse<String> res, Registry registry, ImageRef image) throws RegistryException {
        int status = res.statusCode();
        if (status >= 200 && status < 300) {
            return res;
        }
        String where = registry.host() + " for " + image.canonical();
        throw switch (status) {
            case 401, 403 -> new RegistryException(RegistryException.Kind.AUTH, "Access refused by " + where
                    + (logins.apply(registry.host()).isPresent() ? " (check the stored credentials)" : ""));
            case 404 -> new RegistryException(RegistryException.Kind.NOT_FOUND, "No such tag or repository on " + where);
            case 429 -> new RegistryException(RegistryException.Kind.RATE_LIMITED, "Rate limited by " + registry.host(),
                    retryAfter(res));
            default -> new RegistryException(RegistryException.Kind.PROTOCOL, "HTTP " + status + " from " + where);
        };
    }

    private Token token(Registry registry, Challenge challenge, String scope, Optional<Login> login) throws RegistryException {
        String realm = challenge.param("realm");
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (RuntimeException e) {
            realmUri = null;
        }
        if (realmUri == null || realmUri.getScheme() == null || !realmUri.getScheme().matches("https?")) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry.host() + " named no usable token realm");
        }
        if (realmUri.getScheme().equals("http") && !Registry.loopback(realmUri.getAuthority())) {
            // credentials would travel in clear text to a non-local address
            login = Optional.empty();
        }
        StringBuilder query = new StringBuilder();
        if (challenge.param("service") != null) {
            query.append("service=").append(URLEncoder.encode(challenge.param("service"), StandardCharsets.UTF_8));
        }
        String wanted = challenge.param("scope") != null ? challenge.param("scope") : scope;
        query.append(query.isEmpty() ? "" : "&").append("scope=").append(URLEncoder.encode(wanted, StandardCharsets.UTF_8));
        URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        HttpResponse<String> res = exchange("GET", uri, login.map(RegistryClient::basic).orElse(null), registry);
        if (res.statusCode() == 429) {
            throw new RegistryException(RegistryException.Kind.RATE_LIMITED, "Rate limited by " + registry.host(), retryAfter(res));
        }
        if (res.statusCode() != 200) {
            throw new RegistryException(RegistryException.Kind.AUTH, registry.host() + "'s token service refused "
                    + (login.isPresent() ? "the stored credentials" : "an anonymous token") + " (HTTP " + res.statusCode() + ")");
        }
        try {
            JsonNode body = mapper.readTree(res.body());
            String value = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
            if (value.isEmpty()) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, registry.host() + "'s token service sent no token");
            }
            long seconds = Math.max(60, body.path("expires_in").asLong(60));
            return new Token(value, clock.instant().plusSeconds(seconds - 30));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry.host() + "'s token service sent no JSON");
        }
    }

    private HttpClient http() {
        synchronized (httpLock) {
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
            }
            return http;
        }
    }

    private HttpResponse<String> exchange(String method, URI uri, String authorization, Registry registry)
            throws RegistryException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", ACCEPT)
                .header("User-Agent", "homelabarr-update-check")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        try {
            return http().send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, registry.host() + " does not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, "Interrupted while asking " + registry.host());
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, registry.host() + ": invalid address");
        }
    }

    private static String basic(Login login) {
        return "Basic " + Base64.getEncoder().encodeToString((login.username() + ":" + login.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Retry-After} in seconds (the form registries use), else a cautious default. */
    static Duration retryAfter(HttpResponse<?> res) {
        return res.headers().firstValue("Retry-After").map(String::strip).filter(v -> v.matches("\\d{1,7}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(DEFAULT_RETRY);
    }

    /** {@code Link: </v2/x/tags/list?last=a&n=100>; rel="next"}. */
    static Optional<String> nextPage(String link) {
        int open = link.indexOf('<');
        int close = link.indexOf('>');
        return open >= 0 && close > open && link.contains("rel=\"next\"")
                ? Optional.of(link.substring(open + 1, close)) : Optional.empty();
    }
}
