package homelabarr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Where a benchmark puts its figures: one line {@code metric<TAB>value} each, appended to the file named by
 * {@code BENCH_RESULTS} (scripts/bench.sh collects them; BenchReport turns them into docs/benchmarks.md), and echoed.
 * A metric written by several runs has several lines.
 */
final class Results {
    private Results() {
    }

    static synchronized void put(String metric, double value) {
        put(metric, String.format(Locale.ROOT, "%.3f", value));
    }

    static synchronized void put(String metric, String value) {
        String line = metric + "\t" + value.replace('\t', ' ').replace('\n', ' ') + "\n";
        System.out.print("RESULT " + line);
        String file = System.getenv("BENCH_RESULTS");
        if (file != null && !file.isBlank()) {
            try {
                Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The value at {@code pct} percent (nearest rank) of the values, or NaN if there are none. */
    static double percentile(List<Double> values, double pct) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
