package homelabarr.policy;

import java.util.List;

/**
 * What an administrator lets non-admins deploy, beyond the fixed rules (see {@link PolicyRules}): like Portainer's
 * per-environment security settings. Nothing here can open a way to host root: the rules that guard against that
 * are not settings, and {@link PolicySettingsCheck} refuses values that would amount to it.
 *
 * @param allowedBindRoots    host folders under which non-admins may bind-mount (the app folder and media roots)
 * @param allowHostNetwork    whether non-admins may use {@code network_mode: host}
 * @param allowedCapabilities capabilities non-admins may add (for example NET_ADMIN for VPN clients)
 * @param allowedDevices      host devices non-admins may map (for example /dev/net/tun, /dev/dri)
 * @param allowSysctls        whether non-admins may set (namespaced) sysctls
 */
public record PolicySettings(List<String> allowedBindRoots, boolean allowHostNetwork, List<String> allowedCapabilities,
                             List<String> allowedDevices, boolean allowSysctls) {

    public static final PolicySettings DEFAULTS = new PolicySettings(
            List.of("/opt/appdata", "/mnt", "/media", "/srv"), false, List.of(), List.of(), false);

    public PolicySettings {
        allowedBindRoots = allowedBindRoots == null ? List.of() : List.copyOf(allowedBindRoots);
        allowedCapabilities = allowedCapabilities == null ? List.of() : List.copyOf(allowedCapabilities);
        allowedDevices = allowedDevices == null ? List.of() : List.copyOf(allowedDevices);
    }
}
