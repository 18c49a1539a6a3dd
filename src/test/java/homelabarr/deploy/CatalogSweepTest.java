package homelabarr.deploy;

import homelabarr.deploy.CatalogSweep.Result;
import homelabarr.testing.NeedsDocker;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick catalog sweep, part of every test run: the fixed sample of {@link SweepCases} (multi-service,
 * healthchecks, a one-off job, host network, GPU, device, HTTPS web UI, the proxy and forward-auth apps) in
 * standard mode, a few apps behind Traefik and Authelia, and templates changed since the last release (a dozen at
 * most). Every deployment must succeed or roll back for a reason this host explains. The full sweep is
 * {@link CatalogSweepAll}.
 */
@NeedsDocker
class CatalogSweepTest {
    @Test
    void sampleDeploysOrRollsBackForAKnownReason() throws Exception {
        Path root = Files.createTempDirectory("hlr-sweep-");
        try {
            int limit = Integer.getInteger("sweep.changedLimit", 8);
            List<CatalogSweep.Case> cases = SweepCases.quick(CatalogSweep.catalog(), limit);
            long start = System.nanoTime();
            List<Result> results = new CatalogSweep(root, Integer.getInteger("sweep.threads", 4), "10s").run(cases);
            String table = SweepReport.markdown(results, (System.nanoTime() - start) / 1_000_000);
            SweepReport.write(Path.of("target/catalog-sweep-quick.md"), table);
            System.out.println(table);
            assertThat(results.stream().filter(r -> !r.outcome().acceptable)
                    .map(r -> r.sweepCase().label() + ": " + r.outcome().column() + ": " + r.detail())).as("faults").isEmpty();
            assertThat(results).filteredOn(r -> r.outcome() == SweepOutcome.SUCCEEDED).isNotEmpty();
            assertThat(results).filteredOn(r -> r.outcome() != SweepOutcome.BUSY).hasSizeGreaterThanOrEqualTo(cases.size() / 2);
        } finally {
            CatalogSweep.deleteTree(root);
        }
    }
}
