package homelabarr.deploy.run;

import homelabarr.deploy.events.Progress;
import homelabarr.deploy.plan.FolderRoots;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.ResolvedSettings;

/**
 * One deployment as the executor runs it. {@code pullAlways}: pull even images that are present. {@code gate}: what an
 * update must pass after verification before the previous containers are removed (null for a deploy).
 */
public record Job(Plan plan, ResolvedSettings settings, FolderRoots folders, Progress progress, Cancellation cancellation,
           boolean redeploy, boolean pullAlways, UpdateGate gate) {
    public Job(Plan plan, ResolvedSettings settings, FolderRoots folders, Progress progress, Cancellation cancellation,
               boolean redeploy, boolean pullAlways) {
        this(plan, settings, folders, progress, cancellation, redeploy, pullAlways, null);
    }
}
