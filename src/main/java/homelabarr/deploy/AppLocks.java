package homelabarr.deploy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One deploy or undeploy per app at a time, held by its deployment id (or "undeploy"). */
public final class AppLocks {
    private final Map<String, String> holders = new ConcurrentHashMap<>();

    public boolean acquire(String appId, String holder) {
        return holders.putIfAbsent(appId, holder) == null;
    }

    public void release(String appId, String holder) {
        holders.remove(appId, holder);
    }

    boolean isHeld(String appId) {
        return holders.containsKey(appId);
    }
}
