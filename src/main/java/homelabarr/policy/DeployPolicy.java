package homelabarr.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.catalog.AppTemplate;
import homelabarr.db.Database;
import homelabarr.errors.Refused;
import homelabarr.host.Host;
import homelabarr.host.HostFile;
import homelabarr.http.Principal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides what a non-admin may deploy and manage, judged on what would actually run: the rendered plan with every
 * setting filled in and every host path's links followed. Administrators may deploy anything; what the policy
 * found is then reported to them as the deployment's risks.
 */
public final class DeployPolicy {
    private final PolicyStore store;
    private final Host host;
    private final PolicySettingsCheck check;
    private final Map<String, CatalogEntry> catalogViews = new ConcurrentHashMap<>();

    private record CatalogEntry(AppTemplate app, long version, Assessment assessment) {
    }

    public DeployPolicy(Database db, ObjectMapper mapper, Clock clock, Host host) {
        this.store = new PolicyStore(db, mapper, clock);
        this.host = host;
        this.check = new PolicySettingsCheck(host);
    }

    /** Judged on the host as the engine will find it: every bind source looked up, links followed, at once. */
    public Assessment assess(List<Workload> workloads) {
        return assess(workloads, host);
    }

    /** As {@link #assess(List)}, on {@code on}: the host of the environment the workloads run in. */
    public Assessment assess(List<Workload> workloads, Host on) {
        PolicySettings settings = store.current().settings();
        Map<String, HostFile> files = on.inspect(PolicyCheck.pathsOf(settings, workloads));
        return new PolicyCheck(settings, files::get).run(workloads);
    }

    /** Refuses a non-admin whatever the policy found; returns the findings (an admin's risks) otherwise. */
    public Assessment authorize(Principal who, List<Workload> workloads, String what) {
        return authorize(who, workloads, what, host);
    }

    /**
     * As {@link #authorize(Principal, List, String)}, judging host paths on {@code on}: a deploy to another
     * environment must not be judged by this machine's files (a link here says nothing about one there).
     */
    public Assessment authorize(Principal who, List<Workload> workloads, String what, Host on) {
        Assessment assessment = assess(workloads, on);
        if (assessment.adminOnly() && !who.isAdmin()) {
            throw Refused.forbidden("Not allowed by the deploy policy",
                    "Only an admin may " + what + ": " + String.join("; ", assessment.reasons()));
        }
        return assessment;
    }

    /** The catalog's view: what keeps non-admins from deploying {@code app} with its default settings. */
    public Assessment assessDefaults(AppTemplate app) {
        long version = store.current().version();
        CatalogEntry cached = catalogViews.get(app.id());
        if (cached != null && cached.app() == app && cached.version() == version) {
            return cached.assessment();
        }
        // as written: a catalog page must not cost a look at the host per app; a deploy looks again
        Assessment fresh = new PolicyCheck(store.current().settings(), HostFile::asWritten).run(Workloads.of(app.defaults()));
        catalogViews.put(app.id(), new CatalogEntry(app, version, fresh));
        return fresh;
    }

    /** Changes whenever the settings do: what {@link #assessDefaults} answers may have changed with it. */
    public long version() {
        return store.current().version();
    }

    public PolicySettings settings() {
        return store.current().settings();
    }

    /** Checks and stores new settings; a 400 naming the field when they would open a way to host root. */
    PolicySettings save(PolicySettings requested, String by) {
        PolicySettings checked = check.checked(requested);
        store.save(checked, by);
        return checked;
    }
}
