package homelabarr.deploy.run;

import homelabarr.deploy.events.DeploymentEvent.PullProgress;
import homelabarr.deploy.events.Progress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns the engine's per-layer pull messages into progress events: one whenever a layer changes state, and byte
 * updates at most every {@link #THROTTLE_NANOS}, so a fast download does not flood the stream or the database.
 * A layer counts 0-80 % while downloading and 80-100 % while extracting; an image is the mean of its layers.
 */
final class PullTracker {
    private static final long THROTTLE_NANOS = 250_000_000L;
    private final Progress progress;
    private final LongSupplier nanoTime;
    private final Map<String, Map<String, Double>> layers = new LinkedHashMap<>();
    private final Map<String, String> states = new LinkedHashMap<>();
    private long lastEmit = Long.MIN_VALUE;

    PullTracker(List<String> images, Progress progress, LongSupplier nanoTime) {
        this.progress = progress;
        this.nanoTime = nanoTime;
        images.forEach(image -> layers.put(image, new LinkedHashMap<>()));
    }

    synchronized void update(String image, String layer, String status, Long current, Long total) {
        if (layer == null || status == null || !layers.containsKey(image) || status.startsWith("Pulling from")) {
            return;
        }
        layers.get(image).put(layer, fraction(status, current, total));
        boolean changed = !status.equals(states.put(image + "/" + layer, status));
        long now = nanoTime.getAsLong();
        if (changed || now - lastEmit >= THROTTLE_NANOS) {
            lastEmit = now;
            progress.event(new PullProgress(image, layer, status, current, total, imagePercent(image), percent()));
        }
    }

    /** The image is in place (pulled, or present already): it counts as 100 %. */
    synchronized void done(String image) {
        Map<String, Double> l = layers.get(image);
        l.replaceAll((k, v) -> 1.0);
        if (l.isEmpty()) {
            l.put("", 1.0);
        }
    }

    synchronized int percent() {
        return (int) Math.floor(layers.keySet().stream().mapToInt(this::imagePercent).average().orElse(100));
    }

    private int imagePercent(String image) {
        return (int) Math.floor(100 * layers.get(image).values().stream().mapToDouble(d -> d).average().orElse(0));
    }

    static double fraction(String status, Long current, Long total) {
        double part = current != null && total != null && total > 0 ? Math.min(1.0, (double) current / total) : 0;
        return switch (status) {
            case "Downloading" -> 0.8 * part;
            case "Verifying Checksum", "Download complete" -> 0.8;
            case "Extracting" -> 0.8 + 0.2 * part;
            case "Pull complete", "Already exists" -> 1.0;
            default -> 0.0;
        };
    }
}
