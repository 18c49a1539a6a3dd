package homelabarr.http;

import io.helidon.webserver.http.ServerRequest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The address of the peer that sent the request. Forwarding headers are ignored on purpose: anyone can send them,
 * and throttling or auditing by a spoofable value would be worthless.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(ServerRequest req) {
        SocketAddress address = req.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return req.remotePeer().host();
    }
}
