package homelabarr.http;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Web origins ({@code scheme://host[:port]}) compared the way browsers write them in the {@code Origin} header. */
public final class Origins {
    private Origins() {
    }

    /** Lower-case scheme and host, no default port, no trailing slash; the text as given if it is not an origin. */
    public static String normalize(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return origin.strip();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return origin.strip();
        }
    }

    /** True when {@code origin} names the same origin as one of {@code allowed} (empty entries never match). */
    public static boolean matchesAny(String origin, Optional<String> own, Optional<String> configured) {
        String candidate = normalize(origin);
        return own.map(Origins::normalize).filter(candidate::equals).isPresent()
                || configured.map(Origins::normalize).filter(candidate::equals).isPresent();
    }
}
