package homelabarr.catalog;

import homelabarr.errors.Refused;
import homelabarr.http.Printable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/** All apps a user can deploy: the built-in ones plus the user's own, looked up by exact id. */
public final class Catalog {
    private static final System.Logger LOG = System.getLogger(Catalog.class.getName());
    /**
     * Parsed once, by whichever comes first: {@link #preload()} (after the server started, so that the parse does not
     * compete for the CPU with the start-up) or the first caller that needs the catalog, who then parses it itself
     * rather than wait for a preload that may not have begun. Callers meanwhile wait for the one parse in progress.
     */
    private final FutureTask<BuiltinTemplates.Loaded> builtinLoading;
    private final CustomTemplates custom;
    private volatile Snapshot snapshot;

    /** An immutable view of the catalog at one moment; {@code version} changes whenever the content does. */
    public record Snapshot(List<AppTemplate> apps, Map<String, AppTemplate> byId, List<TemplateError> builtinErrors,
                           List<TemplateError> customErrors, long version) {
    }

    public Catalog(BuiltinTemplates.Loaded builtin, CustomTemplates custom) {
        this(() -> builtin, custom);
    }

    /** With the built-in templates parsed by {@code builtin} when first needed, or on {@link #preload()}. */
    public Catalog(Supplier<BuiltinTemplates.Loaded> builtin, CustomTemplates custom) {
        this.builtinLoading = new FutureTask<>(builtin::get);
        this.custom = custom;
    }

    /** Parses the built-in templates now, on a thread of their own, unless that has begun already. */
    public void preload() {
        Thread.ofVirtual().name("catalog-load").start(() -> {
            builtinLoading.run();
            try {
                builtinLoading.get();
            } catch (ExecutionException e) {
                LOG.log(System.Logger.Level.ERROR, "Cannot load the built-in catalog", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    public Snapshot snapshot() {
        CustomTemplates.State state = custom.current();
        Snapshot current = snapshot;
        if (current != null && current.version() == state.generation()) {
            return current;
        }
        BuiltinTemplates.Loaded builtin = builtin();
        List<AppTemplate> apps = new ArrayList<>(builtin.apps());
        apps.addAll(state.apps());
        apps.sort(Comparator.comparing(AppTemplate::category).thenComparing(a -> a.info().name().toLowerCase()));
        Map<String, AppTemplate> byId = new LinkedHashMap<>();
        apps.forEach(a -> byId.putIfAbsent(a.id(), a));
        Snapshot fresh = new Snapshot(List.copyOf(apps), Map.copyOf(byId), builtin.errors(), state.errors(),
                state.generation());
        snapshot = fresh;
        return fresh;
    }

    private BuiltinTemplates.Loaded builtin() {
        builtinLoading.run();  // returns at once when the parse is done or running on another thread
        try {
            return builtinLoading.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The built-in catalog could not be loaded", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the built-in catalog was loading", e);
        }
    }

    public Optional<AppTemplate> find(String id) {
        return Optional.ofNullable(snapshot().byId().get(id));
    }

    /** The app a deploy or an update names; an id the catalog does not have is refused, shown as the caller wrote it. */
    public AppTemplate named(String id) {
        return find(id).orElseThrow(() ->
                Refused.notFound("Unknown app", "No app with id '" + Printable.of(id, 100) + "' in the catalog"));
    }
}
