package homelabarr.docker;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One port of a container as the engine lists it. {@code hostIp} and {@code hostPort} are null when the port is only
 * exposed, not published on the host.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)  // unpublished ports show hostIp/hostPort as null
public record PublishedPort(String hostIp, Integer hostPort, int containerPort, String protocol) {
}
