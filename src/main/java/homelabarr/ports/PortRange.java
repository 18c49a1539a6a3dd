package homelabarr.ports;

import homelabarr.http.ApiException;

import java.util.Optional;

/** An inclusive range of TCP/UDP port numbers, parsed from {@code ?start=&end=}. */
record PortRange(int start, int end) {
    static final int MIN = 1;
    static final int MAX = 65535;

    static PortRange of(Optional<String> start, Optional<String> end) {
        int from = number("start", start);
        int to = number("end", end);
        if (from > to) {
            throw ApiException.badRequest("Invalid port range", "start (" + from + ") must not be greater than end (" + to + ")");
        }
        return new PortRange(from, to);
    }

    private static int number(String name, Optional<String> raw) {
        if (raw.isEmpty()) {
            throw ApiException.invalidField(name, "is required: give a port number between " + MIN + " and " + MAX);
        }
        if (!raw.get().matches("\\d{1,5}")) {
            throw ApiException.invalidField(name, "must be a port number between " + MIN + " and " + MAX);
        }
        int port = Integer.parseInt(raw.get());
        if (port < MIN || port > MAX) {
            throw ApiException.invalidField(name, "must be between " + MIN + " and " + MAX + ", got " + port);
        }
        return port;
    }
}
