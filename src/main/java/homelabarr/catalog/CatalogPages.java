package homelabarr.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The catalog's rendered answers, kept per page (the list, a category, one app) for one catalog version and one
 * deploy-policy version: a change of either renders pages afresh on their next request. The answers are the same
 * for every caller (the catalog routes are public), so one copy serves all. Keys are bounded by the catalog: only
 * pages that exist are kept (an unknown app is a 404, never stored; searches are not kept).
 */
final class CatalogPages {
    private final Catalog catalog;
    private final LongSupplier policyVersion;
    private volatile Generation generation = new Generation(-1, -1, new ConcurrentHashMap<>());

    private record Generation(long catalogVersion, long policyVersion, Map<String, RenderedPage> pages) {
    }

    CatalogPages(Catalog catalog, LongSupplier policyVersion) {
        this.catalog = catalog;
        this.policyVersion = policyVersion;
    }

    /** The page under {@code key}, rendered by {@code render} unless this generation has it already. */
    RenderedPage page(String key, Supplier<byte[]> render) {
        long catalogVersion = catalog.snapshot().version();
        long policy = policyVersion.getAsLong();
        Generation current = generation;
        if (current.catalogVersion() != catalogVersion || current.policyVersion() != policy) {
            current = new Generation(catalogVersion, policy, new ConcurrentHashMap<>());
            generation = current;
        }
        // rendered outside the map's lock: two first requests may both render, and both answers are right
        RenderedPage page = current.pages().get(key);
        if (page == null) {
            page = RenderedPage.of(render.get());
            current.pages().put(key, page);
        }
        return page;
    }
}
