package homelabarr.deploy;

import homelabarr.deploy.CatalogSweep.Result;
import homelabarr.testing.NeedsDocker;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full catalog sweep: every app in standard mode, a sample in traefik and authelia modes. Not part of the
 * normal test run (its name does not end in Test): scripts/catalog-sweep.sh, or
 * {@code mvn -B test -Dtest=CatalogSweepAll} ({@code -Dsweep.apps=id,id} for some apps only). Writes its table to
 * target/catalog-sweep.md (docs/catalog.md shows the last measured one).
 */
@NeedsDocker
class CatalogSweepAll {
    @Test
    void everyAppDeploysOrRollsBackForAKnownReason() throws Exception {
        Path root = Files.createTempDirectory("hlr-sweep-");
        try {
            List<CatalogSweep.Case> cases = SweepCases.all(CatalogSweep.catalog());
            String only = System.getProperty("sweep.apps", "");
            if (!only.isBlank()) {
                List<String> ids = List.of(only.split(","));
                cases = cases.stream().filter(c -> ids.contains(c.app().id())).toList();
            }
            long start = System.nanoTime();
            List<Result> results = new CatalogSweep(root, Integer.getInteger("sweep.threads", 3), "15s").run(cases);
            String table = SweepReport.markdown(results, (System.nanoTime() - start) / 1_000_000);
            SweepReport.write(Path.of("target/catalog-sweep.md"), table);
            System.out.println(table);
            assertThat(results.stream().filter(r -> !r.outcome().acceptable)
                    .map(r -> r.sweepCase().label() + ": " + r.outcome().column() + ": " + r.detail())).as("faults").isEmpty();
        } finally {
            CatalogSweep.deleteTree(root);
        }
    }
}
