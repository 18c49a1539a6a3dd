package homelabarr.policy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fixed part of the deploy policy: what amounts to root on the host and so is never a setting. Shared by the
 * evaluation ({@link PolicyCheck}) and the check of what an administrator may open up ({@link PolicySettingsCheck}).
 */
final class PolicyRules {
    /** Host paths no non-admin may mount, nor any folder that contains one of them. */
    static final List<Path> SYSTEM_PATHS = paths("/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32",
            "/lib64", "/libx32", "/proc", "/root", "/run", "/sbin", "/sys", "/usr", "/var/run", "/var/lib/docker",
            "/var/lib/containerd");
    /** Capabilities that can be granted to non-admins: none of them breaks out of the container's namespaces. */
    static final Set<String> GRANTABLE_CAPABILITIES = Set.of("NET_ADMIN", "NET_RAW", "NET_BIND_SERVICE",
            "NET_BROADCAST", "SYS_NICE", "SYS_RESOURCE", "IPC_LOCK", "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "SETFCAP", "MKNOD", "SYS_CHROOT", "WAKE_ALARM");
    /** Raw memory, I/O ports and disks: a process that can write them owns the host. */
    static final String RAW_DEVICE = "/dev/(mem|kmem|port|(sd|vd|hd|xvd)[a-z]+\\d*|nvme\\d+(n\\d+(p\\d+)?)?"
            + "|mmcblk\\d+(p\\d+)?|loop\\d+|loop-control|dm-\\d+|md\\d+|sr\\d+|mapper/.*|disk/.*|bus/.*)";
    private static final Set<String> SAFE_SECURITY_OPTIONS = Set.of("no-new-privileges", "no-new-privileges:true",
            "no-new-privileges=true");
    private static final Path ROOT = Path.of("/");
    /** Host files that apps commonly read for the time zone or the host's identity; safe to read, never to write. */
    private static final Set<Path> HARMLESS_FILES = Set.copyOf(paths("/etc/localtime", "/etc/timezone",
            "/etc/os-release", "/usr/lib/os-release", "/etc/machine-id", "/var/lib/dbus/machine-id"));
    private static final Path ZONE_INFO = Path.of("/usr/share/zoneinfo");

    private PolicyRules() {
    }

    /** The system path {@code path} is, lies in or contains; null when it touches none. */
    static Path systemPathOf(Path path) {
        for (Path system : SYSTEM_PATHS) {
            boolean inside = system.equals(ROOT) ? path.equals(ROOT) : path.startsWith(system);
            if (inside || system.startsWith(path)) {
                return system;
            }
        }
        return null;
    }

    /** A read-only mount of a time zone or identity file (where it leads through links is checked too). */
    static boolean harmlessFile(Path given, Path real) {
        return (HARMLESS_FILES.contains(given) || given.startsWith(ZONE_INFO))
                && (HARMLESS_FILES.contains(real) || real.startsWith(ZONE_INFO));
    }

    static boolean looksLikeSocket(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().endsWith(".sock");
    }

    static String capability(String name) {
        return name.strip().toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
    }

    static boolean safeSecurityOption(String option) {
        return SAFE_SECURITY_OPTIONS.contains(option.strip().toLowerCase(Locale.ROOT));
    }

    /** {@code 0}, {@code root}, {@code 0:0}, {@code 1000:0}... */
    static boolean namesRoot(String userOrGroup) {
        if (userOrGroup == null) {
            return false;
        }
        for (String part : userOrGroup.strip().split(":")) {
            if (part.equals("0") || part.equalsIgnoreCase("root")) {
                return true;
            }
        }
        return false;
    }

    /** Environment variables images read as the user or group to run as (PUID, PGID, UID, USER_ID...). */
    static boolean isIdVariable(String name) {
        return name.toUpperCase(Locale.ROOT).matches("(.*_)?(P?UID|P?GID|USER_?ID|GROUP_?ID|RUN_AS_(USER|GROUP))");
    }

    private static List<Path> paths(String... raw) {
        return Arrays.stream(raw).map(Path::of).toList();
    }
}
