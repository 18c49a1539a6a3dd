package homelabarr.environments;

import homelabarr.docker.DockerEngine;
import homelabarr.docker.DockerSwarmEngine;
import homelabarr.docker.Engine;
import homelabarr.docker.SwarmEngine;
import homelabarr.errors.Refused;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How to reach one engine, checked: a unix socket (the engine's own or a socket proxy's) or tcp:// with mutual TLS.
 * Plain tcp:// is refused: the Engine API without TLS gives anyone on the network root on that host.
 */
record Connection(String address, TlsMaterial tls) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    /** Parses an add request; every problem is a 400 naming the field. */
    static Connection of(EnvironmentRequest r) {
        String address = address(r.address());
        boolean tcp = address.startsWith("tcp://");
        boolean anyTls = r.ca() != null || r.cert() != null || r.key() != null || r.caPath() != null
                || r.certPath() != null || r.keyPath() != null;
        if (!tcp) {
            if (anyTls) {
                throw Refused.invalid("Invalid TLS material", "ca, cert and key are for tcp:// addresses only");
            }
            return new Connection(address, null);
        }
        String ca = pem("ca", r.ca(), r.caPath());
        String cert = pem("cert", r.cert(), r.certPath());
        String key = pem("key", r.key(), r.keyPath());
        try {
            TlsMaterial material = TlsMaterial.parse(ca, cert, key);
            material.sslContext();
            return new Connection(address, material);
        } catch (TlsMaterial.Invalid e) {
            throw Refused.invalid("Invalid TLS material", e.getMessage());
        }
    }

    /** A unix socket path or unix:// URL, or tcp://host:port; normalised to a URL. */
    static String address(String raw) {
        if (raw == null || raw.isBlank()) {
            throw Refused.invalidField("address", "is required: a unix socket path or tcp://host:port");
        }
        String text = raw.strip();
        if (text.startsWith("/")) {
            text = "unix://" + text;
        }
        if (text.startsWith("unix://")) {
            String path = text.substring("unix://".length());
            if (!path.startsWith("/") || path.contains("\0") || path.length() > 200 || path.contains("/../")) {
                throw Refused.invalidField("address", "must name a unix socket by its absolute path");
            }
            return text;
        }
        if (text.startsWith("ssh://")) {
            throw Refused.invalidField("address", "ssh:// is not supported: use tcp:// with mutual TLS or a unix "
                    + "socket (see the README)");
        }
        if (!text.startsWith("tcp://")) {
            throw Refused.invalidField("address", "must be a unix socket path, unix://… or tcp://host:port");
        }
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !HOST.matcher(uri.getHost()).matches() || uri.getPort() < 1
                    || uri.getUserInfo() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(text, "not host:port");
            }
            return "tcp://" + uri.getHost() + ":" + uri.getPort();
        } catch (URISyntaxException e) {
            throw Refused.invalidField("address", "must be tcp://host:port (a port is required)");
        }
    }

    /** Exactly one of the text and the path; a path is read now, so a wrong one is a 400 and not a later failure. */
    static String pem(String field, String text, String path) {
        if (text != null && path != null) {
            throw Refused.invalid("Invalid TLS material", "give " + field + " or " + field + "Path, not both");
        }
        if (text == null && path == null) {
            throw Refused.invalid("Invalid TLS material", "tcp:// needs mutual TLS: " + field + " (PEM text) or "
                    + field + "Path is required");
        }
        if (text != null) {
            return text;
        }
        return read(field, path);
    }

    static String read(String field, String path) {
        Path file = Path.of(path);
        if (!file.isAbsolute()) {
            throw Refused.invalid("Invalid TLS material", field + "Path must be an absolute path");
        }
        try {
            if (Files.size(file) > 256 * 1024) {
                throw Refused.invalid("Invalid TLS material", field + "Path is too large for a PEM file");
            }
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Refused refused) {
                throw refused;
            }
            throw Refused.invalid("Invalid TLS material", field + "Path cannot be read by the server");
        }
    }

    Engine engine() {
        return new DockerEngine(address, tls == null ? null : tls.sslContext());
    }

    /** The same engine's swarm side: same address, same TLS material. */
    SwarmEngine swarmEngine() {
        return new DockerSwarmEngine(address, tls == null ? null : tls.sslContext());
    }

    String kind() {
        return tls != null ? "tcp+tls" : "socket";
    }
}
