package homelabarr.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the kernel's socket tables ({@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}): TCP sockets
 * in state LISTEN (0A) and every bound UDP socket. The tables show one network namespace: the reader's.
 */
final class ProcNet {
    static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6");
    private static final String TCP_LISTEN = "0A";

    private ProcNet() {
    }

    static List<Listener> listeners(String table, List<String> lines) {
        String protocol = table.startsWith("tcp") ? "tcp" : "udp";
        List<Listener> out = new ArrayList<>();
        for (String line : lines) {
            parse(line, protocol).ifPresent(out::add);
        }
        return out;
    }

    /**
     * One table row: {@code sl local_address rem_address st ...}, the local address as hex {@code IP:PORT}. The header
     * row and malformed rows give nothing.
     */
    static Optional<Listener> parse(String line, String protocol) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 4 || !fields[0].endsWith(":")) {
            return Optional.empty();
        }
        int colon = fields[1].lastIndexOf(':');
        if (colon < 0 || (protocol.equals("tcp") && !fields[3].equalsIgnoreCase(TCP_LISTEN))) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(fields[1].substring(colon + 1), 16);
            return port > 0 && port <= 65535 ? Optional.of(new Listener(port, protocol)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
