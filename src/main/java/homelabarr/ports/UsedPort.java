package homelabarr.ports;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A port in use: published by a container ({@code source} "container", with its name and short id) or listened on
 * by a process on the host ({@code source} "host").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UsedPort(int port, String protocol, String source, String container, String containerId) {
    static UsedPort host(int port, String protocol) {
        return new UsedPort(port, protocol, "host", null, null);
    }
}
