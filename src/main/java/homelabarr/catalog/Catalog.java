package homelabarr.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** All apps a user can deploy: the built-in ones plus the user's own, looked up by exact id. */
public final class Catalog {
    /** Still being parsed while the server starts: only requests that need the catalog wait for it. */
    private final CompletableFuture<BuiltinTemplates.Loaded> builtinLoading;
    private final CustomTemplates custom;
    private volatile Snapshot snapshot;

    /** An immutable view of the catalog at one moment; {@code version} changes whenever the content does. */
    public record Snapshot(List<AppTemplate> apps, Map<String, AppTemplate> byId, List<TemplateError> builtinErrors,
                           List<TemplateError> customErrors, long version) {
    }

    public Catalog(BuiltinTemplates.Loaded builtin, CustomTemplates custom) {
        this(CompletableFuture.completedFuture(builtin), custom);
    }

    /** With the built-in templates still loading: the first {@link #snapshot()} waits for them. */
    public Catalog(CompletableFuture<BuiltinTemplates.Loaded> builtin, CustomTemplates custom) {
        this.builtinLoading = builtin;
        this.custom = custom;
    }

    public Snapshot snapshot() {
        CustomTemplates.State state = custom.current();
        Snapshot current = snapshot;
        if (current != null && current.version() == state.generation()) {
            return current;
        }
        BuiltinTemplates.Loaded builtin = builtinLoading.join();
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

    public Optional<AppTemplate> find(String id) {
        return Optional.ofNullable(snapshot().byId().get(id));
    }
}
