package homelabarr.swarm;

import java.util.Map;

/**
 * The body of {@code POST /swarm/deploy}: like {@code POST /deploy} without modes (a stack is reached on its
 * published ports); {@code publishMode} is host (default: every node running a task answers on the port) or
 * ingress (Swarm's routing mesh, where the kernel has IPVS).
 */
record StackRequest(String appId, Map<String, Object> config, Boolean redeploy, String publishMode) {
}
