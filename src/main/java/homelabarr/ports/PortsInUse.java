package homelabarr.ports;

import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;
import homelabarr.docker.PublishedPort;
import homelabarr.host.Host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Every port taken on the Docker host: published by containers, or listened on by host processes. */
final class PortsInUse {
    /** What was found; {@code hostVisible} is false when the host's listening ports cannot be seen (remote engine). */
    record Snapshot(List<UsedPort> ports, boolean hostVisible) {
        Set<Integer> numbers() {
            TreeSet<Integer> numbers = new TreeSet<>();
            ports.forEach(p -> numbers.add(p.port()));
            return numbers;
        }

        /** The first port of {@code range} that nothing uses, whatever the protocol (a TCP app may add UDP later). */
        Optional<Integer> firstFree(PortRange range) {
            Set<Integer> used = numbers();
            for (int port = range.start(); port <= range.end(); port++) {
                if (!used.contains(port)) {
                    return Optional.of(port);
                }
            }
            return Optional.empty();
        }
    }

    private final Engine engine;
    private final Host host;

    PortsInUse(Engine engine, Host host) {
        this.engine = engine;
        this.host = host;
    }

    Snapshot now() {
        Set<UsedPort> ports = new LinkedHashSet<>();
        for (ContainerSummary c : engine.containers()) {
            for (PublishedPort p : c.ports()) {
                if (p.hostPort() != null && p.hostPort() > 0) {
                    // the same binding is listed once per address family (0.0.0.0 and ::); a set keeps one
                    ports.add(new UsedPort(p.hostPort(), p.protocol(), "container", c.name(), c.id().substring(0, 12)));
                }
            }
        }
        Optional<List<UsedPort>> listening = host.listeners(false)
                .map(ls -> ls.stream().map(l -> UsedPort.host(l.port(), l.protocol())).toList());
        listening.ifPresent(ports::addAll);
        List<UsedPort> sorted = new ArrayList<>(ports);
        sorted.sort(Comparator.comparingInt(UsedPort::port).thenComparing(UsedPort::protocol)
                .thenComparing(UsedPort::source));
        return new Snapshot(List.copyOf(sorted), listening.isPresent());
    }

}
