package homelabarr.http;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;

/**
 * How many client connections the server accepts at once. Each takes a file descriptor, and when the process
 * runs out the web server's listener fails on accept and stops for good (the process lives on, serving nothing),
 * so the limit stays well below the open-file limit: a reserve for the jars, the database and the Docker Engine
 * pools, and half of the rest, since a client's log or stats stream holds one engine connection too. Beyond the
 * limit, new connections wait in the kernel's backlog until one ends.
 */
public final class ConnectionLimit {
    /** Descriptors the process needs besides client connections (about 90 at rest) with room to spare. */
    static final int RESERVED = 256;
    /** Enough for any homelab; each connection costs a thread and buffers even when it sends nothing. */
    static final int CEILING = 1_000;
    static final int FLOOR = 8;

    private ConnectionLimit() {
    }

    /** {@code configured} (0 = choose) capped by what the open-file limit allows. */
    public static int of(int configured, long openFileLimit) {
        long allowed = Math.clamp((openFileLimit - RESERVED) / 2, FLOOR, CEILING);
        return (int) (configured > 0 ? Math.min(configured, allowed) : allowed);
    }

    /** This process's open-file limit, or a conservative guess where the platform does not say. */
    public static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : 1024;
    }
}
