package homelabarr.ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ports that processes listen on, read from {@code /proc/net/{tcp,tcp6,udp,udp6}}: TCP sockets in state LISTEN
 * (0A) and every bound UDP socket. These files show the network namespace of this process only: in a container
 * without host networking that is the container's own, not the host's (see docs/operations.md).
 */
final class HostPorts {
    private static final String TCP_LISTEN = "0A";
    private final Path procNet;

    /** @param procNet normally {@code /proc/net}; tests point it at sample files */
    HostPorts(Path procNet) {
        this.procNet = procNet;
    }

    /** The listening ports, or empty when none of the files can be read (not Linux, or /proc hidden). */
    Optional<List<UsedPort>> listening() {
        List<UsedPort> ports = new ArrayList<>();
        boolean readAny = false;
        for (String file : List.of("tcp", "tcp6", "udp", "udp6")) {
            Optional<List<String>> lines = read(procNet.resolve(file));
            if (lines.isEmpty()) {
                continue;
            }
            readAny = true;
            String protocol = file.startsWith("tcp") ? "tcp" : "udp";
            for (String line : lines.get()) {
                parse(line, protocol).ifPresent(ports::add);
            }
        }
        return readAny ? Optional.of(ports) : Optional.empty();
    }

    /**
     * One table row: {@code sl local_address rem_address st ...}, the local address as hex {@code IP:PORT}. The header
     * row and malformed rows give nothing.
     */
    static Optional<UsedPort> parse(String line, String protocol) {
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
            return port > 0 && port <= 65535 ? Optional.of(UsedPort.host(port, protocol)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> read(Path file) {
        try {
            return Optional.of(Files.readAllLines(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
