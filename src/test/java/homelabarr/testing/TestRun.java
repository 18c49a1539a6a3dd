package homelabarr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * One run of the test suite (every JVM Maven forks for it): its id, the label that marks what it made on the engine,
 * and a ledger of the deployments and test apps it made, which {@code LeftoversIT} checks at the end. Other runs
 * (other worktrees) may use the same engine at the same time, so the check looks only at this run's things.
 */
public final class TestRun {
    /** Set by the pom for every forked JVM (the build's start time); a random one when a test is run alone. */
    public static final String ID = System.getProperty("homelabarr.testRun", "local-" + UUID.randomUUID().toString().substring(0, 8));
    /** Label on everything a run creates directly (containers, images, networks): {@code homelabarr.test.suite=<ID>}. */
    public static final String LABEL = "homelabarr.test.suite";
    private static final Path LEDGER = Path.of(System.getProperty("homelabarr.testLedger", "target/test-ledger"));

    private TestRun() {
    }

    /** The labels of a test resource: the test label and this run's. */
    public static Map<String, String> labels() {
        return Map.of(DockerFixture.TEST_LABEL, "true", LABEL, ID);
    }

    public static Path ledgerFolder() {
        return LEDGER;
    }

    /** Notes app ids and deployment ids this run made (appended, one file per JVM). */
    public static synchronized void record(String kind, Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        ids.forEach(id -> lines.append(kind).append(' ').append(id).append('\n'));
        try {
            Files.createDirectories(LEDGER);
            Files.writeString(LEDGER.resolve(ID + "-" + ProcessHandle.current().pid() + ".txt"), lines,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
