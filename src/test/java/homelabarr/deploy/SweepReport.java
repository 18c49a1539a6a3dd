package homelabarr.deploy;

import homelabarr.deploy.CatalogSweep.Result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The sweep's table: outcomes per category (standard mode) and per mode, then every result that is not a success. */
final class SweepReport {
    private SweepReport() {
    }

    static String markdown(List<Result> results, long millis) {
        List<SweepOutcome> columns = new ArrayList<>();
        for (SweepOutcome o : SweepOutcome.values()) {
            if (results.stream().anyMatch(r -> r.outcome() == o) || o == SweepOutcome.SUCCEEDED) {
                columns.add(o);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Standard mode, per category (").append(count(results, "standard")).append(" apps, ")
                .append(millis / 1000).append(" s in all):\n\n");
        Map<String, Map<SweepOutcome, Integer>> byCategory = new TreeMap<>();
        Map<String, Map<SweepOutcome, Integer>> byMode = new TreeMap<>();
        for (Result r : results) {
            if (r.sweepCase() == null) {
                continue;
            }
            byMode.computeIfAbsent(r.sweepCase().mode(), k -> new EnumMap<>(SweepOutcome.class)).merge(r.outcome(), 1, Integer::sum);
            if (r.sweepCase().mode().equals("standard")) {
                byCategory.computeIfAbsent(r.sweepCase().app().category(), k -> new EnumMap<>(SweepOutcome.class))
                        .merge(r.outcome(), 1, Integer::sum);
            }
        }
        table(out, "category", byCategory, columns);
        out.append("\nPer mode:\n\n");
        table(out, "mode", byMode, columns);
        out.append("\nOutcomes: ");
        columns.forEach(o -> out.append("`").append(o.column()).append("` ").append(o.meaning).append(o.acceptable ? "" : " (a fault)")
                .append(o == columns.getLast() ? ".\n" : "; "));
        List<Result> notes = results.stream().filter(r -> r.outcome() != SweepOutcome.SUCCEEDED).toList();
        if (!notes.isEmpty()) {
            out.append("\n| app (mode) | outcome | reason |\n|---|---|---|\n");
            for (Result r : notes) {
                out.append("| ").append(r.sweepCase() == null ? "(whole run)" : r.sweepCase().label()).append(" | ")
                        .append(r.outcome().column()).append(" | ")
                        .append(r.detail() == null ? "" : r.detail().replace("|", "\\|").replace("\n", " ")).append(" |\n");
            }
        }
        return out.toString();
    }

    private static long count(List<Result> results, String mode) {
        return results.stream().filter(r -> r.sweepCase() != null && r.sweepCase().mode().equals(mode)).count();
    }

    private static void table(StringBuilder out, String first, Map<String, Map<SweepOutcome, Integer>> rows,
                              List<SweepOutcome> columns) {
        out.append("| ").append(first).append(" | apps |");
        columns.forEach(c -> out.append(" ").append(c.column()).append(" |"));
        out.append("\n|---|---|");
        columns.forEach(c -> out.append("---|"));
        out.append("\n");
        Map<SweepOutcome, Integer> total = new EnumMap<>(SweepOutcome.class);
        rows.forEach((name, counts) -> {
            out.append("| `").append(name).append("` | ").append(counts.values().stream().mapToInt(Integer::intValue).sum()).append(" |");
            columns.forEach(c -> out.append(" ").append(counts.getOrDefault(c, 0)).append(" |"));
            out.append("\n");
            counts.forEach((o, n) -> total.merge(o, n, Integer::sum));
        });
        out.append("| **all** | ").append(total.values().stream().mapToInt(Integer::intValue).sum()).append(" |");
        columns.forEach(c -> out.append(" ").append(total.getOrDefault(c, 0)).append(" |"));
        out.append("\n");
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
