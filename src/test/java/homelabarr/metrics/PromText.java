package homelabarr.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Parses the Prometheus text format with the reference Python client's parser (Debian's python3-prometheus-client,
 * installed by scripts/test-env.sh), not with anything of ours: what it accepts, Prometheus accepts.
 */
final class PromText {
    /** One sample: its family (counters without _total), the family's type, the sample's name, labels and value. */
    record Sample(String family, String type, String name, Map<String, String> labels, double value) {
    }

    private static final String SCRIPT = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for f in text_string_to_metric_families(sys.stdin.read()):
                for s in f.samples:
                    out.append({"family": f.name, "type": f.type, "name": s.name, "labels": s.labels,
                                "value": repr(float(s.value))})
            print(json.dumps(out))
            """;

    private PromText() {
    }

    /** Python's repr of a float: "nan", "inf" and "-inf" are spelt differently in Java. */
    private static double number(String repr) {
        return switch (repr) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(repr);
        };
    }

    static List<Sample> parse(String text) {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("the Prometheus parser refused the text (is Debian's python3-prometheus-client "
                        + "installed?):\n" + text);
            }
            List<Sample> samples = new ArrayList<>();
            for (JsonNode s : new ObjectMapper().readTree(out)) {
                Map<String, String> labels = new HashMap<>();
                s.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                samples.add(new Sample(s.path("family").asText(), s.path("type").asText(), s.path("name").asText(),
                        labels, number(s.path("value").asText())));
            }
            return samples;
        } catch (IOException e) {
            throw new AssertionError("cannot run python3", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
