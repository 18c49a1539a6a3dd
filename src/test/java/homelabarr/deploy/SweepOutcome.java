package homelabarr.deploy;

import java.util.Locale;

/**
 * How one deployment of the catalog sweep ended. The first ones are acceptable: the app deployed, or it rolled
 * back for a reason that lies in this test host (a stand-in instead of the real image, no GPU, no device, an
 * engine that cannot run privileged containers), or another run had the app's names. The others are faults of the
 * server or the template.
 */
enum SweepOutcome {
    SUCCEEDED("succeeded", true),
    STANDIN_PROGRAM("rolled back: the stand-in cannot run the app's own program", true),
    STANDIN_HEALTHCHECK("rolled back: the stand-in cannot answer the app's healthcheck", true),
    NO_GPU("rolled back: no GPU on this host", true),
    NO_DEVICE("rolled back: a host device is missing", true),
    NO_PRIVILEGE("rolled back: this host's engine cannot grant privileged mode (it runs in a container itself)", true),
    BUSY("skipped: the app or a container name is in use by another run", true),
    UNCLASSIFIED("rolled back for a reason the sweep does not know", false),
    FAILED("failed: rollback incomplete", false),
    REFUSED("refused by the API", false),
    SERVER_ERROR("server error", false),
    HANG("did not end in time", false),
    WRONG_PORTS("published ports differ from the plan", false),
    WRONG_LABELS("proxy labels or network missing", false),
    LEFTOVER("left a container, network or volume", false),
    FOLDER_OUTSIDE("created a folder outside the app folder", false);

    final String meaning;
    final boolean acceptable;

    SweepOutcome(String meaning, boolean acceptable) {
        this.meaning = meaning;
        this.acceptable = acceptable;
    }

    String column() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Sorts a rolled-back deployment's reason (the server's own wording) into the causes this host explains. */
    static SweepOutcome ofRollback(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.contains("device driver") || r.contains("nvidia") || r.contains("gpu")) {
            return NO_GPU;
        }
        if (r.contains("error gathering device information") || r.contains("/dev/")) {
            return NO_DEVICE;
        }
        if (r.contains("unable to apply caps")) {
            return NO_PRIVILEGE;
        }
        if (r.contains("unhealthy") || r.contains("become healthy") || r.contains("did not become healthy")) {
            return STANDIN_HEALTHCHECK;
        }
        if (r.matches(".*exited with code \\d+.*") || r.contains("executable file not found")
                || r.contains("no such file or directory") || r.contains("exited and was restarted")) {
            return STANDIN_PROGRAM;
        }
        return UNCLASSIFIED;
    }
}
