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
 * by this filter; {@link #of} reads it.
 */
public final class ClientAddress implements Filter {
    private final TrustedProxies trusted;

    private record Resolved(String address) {
    }

    public ClientAddress(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    public static String of(ServerRequest req) {
        return req.context().get(Resolved.class).map(Resolved::address).orElseGet(() -> peer(req));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.context().register(new Resolved(resolve(req)));
        chain.proceed();
    }

    private String resolve(ServerRequest req) {
        String peer = peer(req);
        Optional<InetAddress> peerAddress = TrustedProxies.literal(peer);
        if (trusted.ranges().isEmpty() || peerAddress.isEmpty() || !trusted.contains(peerAddress.get())) {
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
