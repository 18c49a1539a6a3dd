package homelabarr.policy;

/**
 * One thing a container would do that the deploy policy keeps for administrators.
 *
 * @param rule a stable code for scripts: docker-socket, system-path, outside-data-roots, privileged, host-pid,
 *             host-ipc, host-userns, host-network, foreign-namespace, capabilities, devices, security-options,
 *             sysctls, root-user, shared-volume, volume-driver, unresolvable-path
 */
public record Finding(String service, String rule, String message) {
    /** How it reads in a 403's details, the catalog and the audit log. */
    public String describe() {
        return service + ": " + message;
    }
}
