package homelabarr.environments;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a feature builds for each environment (its stats collector, its deploy steps), made on first use and closed
 * when the environment is removed or renamed, so nothing of one environment is shared with another.
 */
public final class PerEnvironment<T> implements AutoCloseable {
    private record Entry<T>(Target target, T parts) {
    }

    private final Environments environments;
    private final Function<Target, T> make;
    private final Map<String, Entry<T>> built = new ConcurrentHashMap<>();

    public PerEnvironment(Environments environments, Function<Target, T> make) {
        this.environments = environments;
        this.make = make;
        environments.onGone(name -> closeQuietly(built.remove(name)));
    }

    /** The parts for {@code name}; 404 for an unknown environment. */
    public T get(String name) {
        return get(environments.target(name));
    }

    public T get(Target target) {
        Entry<T> entry = built.computeIfAbsent(target.name(), n -> new Entry<>(target, make.apply(target)));
        if (entry.target() != target) {
            // renamed or replaced meanwhile: the old parts speak to an engine that went
            Entry<T> fresh = new Entry<>(target, make.apply(target));
            if (built.replace(target.name(), entry, fresh)) {
                closeQuietly(entry);
            }
            return built.getOrDefault(target.name(), fresh).parts();
        }
        return entry.parts();
    }

    /** The parts already built, for counters and shutdown. */
    public Map<String, T> built() {
        Map<String, T> out = new java.util.HashMap<>();
        built.forEach((k, v) -> out.put(k, v.parts()));
        return out;
    }

    private static void closeQuietly(Entry<?> entry) {
        if (entry != null && entry.parts() instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing what belonged to an environment that went
            }
        }
    }

    @Override
    public void close() {
        built.values().forEach(PerEnvironment::closeQuietly);
        built.clear();
    }
}
