package homelabarr.deploy;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Is a host port free? Found out by binding it for a moment. This sees the host's listeners only when the server
 * runs on the host's network (directly, or in a container with network_mode host); in a bridged container it sees
 * only its own. Ports held by containers are found through the engine instead (see {@link Preflight}).
 */
final class HostPorts {

    /** True when something holds {@code port}; permission problems (low ports, no root) count as free. */
    boolean taken(String hostIp, int port, String protocol) {
        try {
            InetAddress address = InetAddress.getByName(hostIp == null || hostIp.isBlank() ? "0.0.0.0" : hostIp);
            if (protocol.equals("udp")) {
                try (DatagramSocket socket = new DatagramSocket(null)) {
                    socket.bind(new InetSocketAddress(address, port));
                }
            } else {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(address, port));
                }
            }
            return false;
        } catch (BindException e) {
            return e.getMessage() == null || !e.getMessage().contains("ermission");
        } catch (IOException e) {
            return false;
        }
    }
}
