package homelabarr.policy;

import homelabarr.host.Host;
import homelabarr.host.HostFile;
import homelabarr.errors.Refused;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks settings an administrator sends: nothing in them may amount to handing host root to non-admins. */
final class PolicySettingsCheck {
    private static final int MAX_ENTRIES = 64;
    private final Host host;

    PolicySettingsCheck(Host host) {
        this.host = host;
    }

    /** The settings with paths normalized and capability names in canonical form; a 400 naming the field if not. */
    PolicySettings checked(PolicySettings s) {
        return new PolicySettings(roots(s.allowedBindRoots()), s.allowHostNetwork(), capabilities(s.allowedCapabilities()),
                devices(s.allowedDevices()), s.allowSysctls());
    }

    private List<String> roots(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String root : limited(raw, "allowedBindRoots")) {
            Path path = absolute(root, "allowedBindRoots");
            HostFile file = host.inspect(List.of(path.toString())).get(path.toString());
            if (file.problem() != null) {
                throw Refused.invalidField("allowedBindRoots", path + " cannot be checked: " + file.problem());
            }
            Path real = file.real();
            for (Path p : List.of(path, real)) {
                Path system = PolicyRules.systemPathOf(p);
                if (system != null) {
                    throw Refused.invalidField("allowedBindRoots", path + " is or holds the system folder " + system
                            + "; a non-admin who may mount it can take over the host");
                }
            }
            out.add(path.toString());
        }
        return List.copyOf(out);
    }

    private static List<String> capabilities(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : limited(raw, "allowedCapabilities")) {
            String cap = PolicyRules.capability(name);
            if (!PolicyRules.GRANTABLE_CAPABILITIES.contains(cap)) {
                throw Refused.invalidField("allowedCapabilities", "'" + name + "' cannot be granted to non-admins"
                        + " (it reaches beyond the container); grantable: " + String.join(", ",
                        PolicyRules.GRANTABLE_CAPABILITIES.stream().sorted().toList()));
            }
            out.add(cap);
        }
        return List.copyOf(out);
    }

    private List<String> devices(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String device : limited(raw, "allowedDevices")) {
            Path path = absolute(device, "allowedDevices");
            boolean block = host.inspect(List.of(path.toString())).get(path.toString()).kind() == HostFile.Kind.BLOCK_DEVICE;
            if (!path.startsWith("/dev/") || path.toString().matches(PolicyRules.RAW_DEVICE) || block) {
                throw Refused.invalidField("allowedDevices", path + " is not a device non-admins may map"
                        + " (disks, raw memory and I/O ports never are); for example /dev/net/tun or /dev/dri");
            }
            out.add(path.toString());
        }
        return List.copyOf(out);
    }

    private static List<String> limited(List<String> raw, String field) {
        if (raw.size() > MAX_ENTRIES) {
            throw Refused.invalidField(field, "at most " + MAX_ENTRIES + " entries");
        }
        List<String> out = new ArrayList<>();
        for (String entry : raw) {
            if (entry == null || entry.isBlank() || entry.length() > 4096 || entry.chars().anyMatch(c -> c < 0x20)) {
                throw Refused.invalidField(field, "entries must be non-empty text without control characters");
            }
            out.add(entry.strip());
        }
        return out;
    }

    private static Path absolute(String raw, String field) {
        Path path;
        try {
            path = Path.of(raw).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw Refused.invalidField(field, "'" + raw + "' is not a path");
        }
        if (!path.isAbsolute() || raw.contains("/../") || raw.endsWith("/..")) {
            throw Refused.invalidField(field, "'" + raw + "' must be an absolute path without '..'");
        }
        return path;
    }
}
