package homelabarr.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address of the client that sent the request: the TCP peer, or — when the peer is a trusted reverse proxy —
 * the right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy. Worked out once per request
 * by this filter; {@link #of} reads it. Likewise whether the client's connection was HTTPS ({@link #secure}): TLS
 * here, or {@code X-Forwarded-Proto: https} from a trusted proxy that terminated it.
 */
public final class ClientAddress implements Filter {
    private final TrustedProxies trusted;

    private record Resolved(String address, boolean secure, Optional<String> forwardedHost) {
    }

    public ClientAddress(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    public static String of(ServerRequest req) {
        return req.context().get(Resolved.class).map(Resolved::address).orElseGet(() -> peer(req));
    }

    /** True when the client reached us over HTTPS, directly or through a trusted proxy. */
    public static boolean secure(ServerRequest req) {
        return req.context().get(Resolved.class).map(Resolved::secure).orElseGet(req::isSecure);
    }

    /**
     * The origin the client believes it is talking to ({@code https://home.example.com}): the Host header, or the
     * {@code X-Forwarded-Host} of a trusted proxy, with the scheme {@link #secure} gives. Empty without a Host.
     */
    public static Optional<String> origin(ServerRequest req) {
        Optional<String> host = req.context().get(Resolved.class).flatMap(Resolved::forwardedHost)
                .or(() -> req.headers().first(HeaderNames.HOST));
        return host.map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> Origins.normalize((secure(req) ? "https://" : "http://") + h));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        boolean viaTrustedProxy = viaTrustedProxy(req);
        boolean secure = req.isSecure() || viaTrustedProxy && req.headers().first(HeaderNames.X_FORWARDED_PROTO)
                .map(p -> p.split(",")[0].strip().equalsIgnoreCase("https")).orElse(false);
        Optional<String> forwardedHost = viaTrustedProxy
                ? req.headers().first(HeaderNames.X_FORWARDED_HOST).map(h -> h.split(",")[0].strip())
                : Optional.empty();
        req.context().register(new Resolved(resolve(req, viaTrustedProxy), secure, forwardedHost));
        chain.proceed();
    }

    /** Without trusted proxies (the default) the peer's address is not parsed at all: that cost a regex per request. */
    private boolean viaTrustedProxy(ServerRequest req) {
        if (trusted.ranges().isEmpty()) {
            return false;
        }
        Optional<InetAddress> peerAddress = TrustedProxies.literal(peer(req));
        return peerAddress.isPresent() && trusted.contains(peerAddress.get());
    }

    private String resolve(ServerRequest req, boolean viaTrustedProxy) {
        String peer = peer(req);
        if (!viaTrustedProxy) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of)
                .forEach(header -> hops.addAll(List.of(header.split(","))));
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = TrustedProxies.literal(hops.get(i));
            if (hop.isEmpty()) {
                return peer;
            }
            if (!trusted.contains(hop.get())) {
                return hop.get().getHostAddress();
            }
        }
        return peer;
    }

    private static String peer(ServerRequest req) {
        SocketAddress address = req.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return req.remotePeer().host();
    }
}
