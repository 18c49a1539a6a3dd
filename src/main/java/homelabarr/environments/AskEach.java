package homelabarr.environments;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One question put to every usable environment at once, each on a virtual thread of its own, with one deadline for
 * all: an engine that is switched off or behind a dead socket costs the caller no more than {@code limit} and leaves
 * the other environments' answers whole. A question still running at the deadline is left to its engine call's own
 * timeout.
 */
public final class AskEach {
    private AskEach() {
    }

    /**
     * {@code answers}: by environment, local first; {@code unreached}: the environments that gave none, and why
     * (those whose TLS material could not be loaded first, then in the order they were asked).
     */
    public record Answers<T>(Map<String, T> answers, Map<String, String> unreached) {
    }

    public static <T> Answers<T> ask(Environments environments, Function<Target, T> question, Duration limit) {
        Map<String, CompletableFuture<T>> asked = new LinkedHashMap<>();
        for (Target t : environments.targets()) {
            asked.put(t.name(), CompletableFuture.supplyAsync(() -> question.apply(t), Thread::startVirtualThread));
        }
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, T> answers = new LinkedHashMap<>();
        Map<String, String> unreached = new LinkedHashMap<>();
        environments.unusable().forEach(name -> unreached.put(name, "Its TLS material cannot be loaded"));
        asked.forEach((name, future) -> {
            try {
                answers.put(name, future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException late) {
                unreached.put(name, "The Docker Engine did not answer within " + limit.toSeconds() + " s");
            } catch (ExecutionException failed) {
                unreached.put(name, "The Docker Engine could not be asked: "
                        + Optional.ofNullable(failed.getCause().getMessage()).orElse("error"));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                unreached.put(name, "Interrupted");
            }
        });
        return new Answers<>(answers, unreached);
    }
}
