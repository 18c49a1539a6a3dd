package homelabarr.containers;

import homelabarr.docker.ContainerSummary;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
import homelabarr.environments.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code GET /containers?env=all}: every environment asked at once, each bounded by {@link #WAIT}, so one engine
 * that is down or hangs leaves its containers out (named in {@code unreachable}) and never the others'.
 */
final class AcrossEnvironments {
    static final Duration WAIT = Duration.ofSeconds(8);

    private final Environments environments;
    private final PerEnvironment<ContainerParts> parts;

    AcrossEnvironments(Environments environments, PerEnvironment<ContainerParts> parts) {
        this.environments = environments;
        this.parts = parts;
    }

    /** The containers of every environment that answered, and the names of those that did not. */
    record Listed(boolean success, List<ContainerView> data, int total, List<String> unreachable) {
    }

    Listed list(Predicate<ContainerSummary> filter, boolean withStats) {
        Map<String, CompletableFuture<List<ContainerView>>> asked = new LinkedHashMap<>();
        for (Target t : environments.targets()) {
            asked.put(t.name(), CompletableFuture.supplyAsync(() -> parts.get(t).listing().list(filter, withStats),
                    Thread::startVirtualThread));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ContainerView> all = new ArrayList<>();
        List<String> unreachable = new ArrayList<>(environments.unusable());
        asked.forEach((name, future) -> {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                all.addAll(future.get(left, TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unreachable.add(name);
            } catch (Exception e) {
                future.cancel(true);
                unreachable.add(name);
            }
        });
        all.sort(Comparator.comparing(ContainerView::name).thenComparing(ContainerView::environment));
        return new Listed(true, all, all.size(), unreachable);
    }
}
