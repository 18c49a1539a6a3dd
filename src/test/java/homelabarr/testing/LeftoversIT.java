package homelabarr.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of the suite (failsafe runs it last, after ImageIT): nothing this run made is left on the engine. What the
 * run made is what carries its label ({@code homelabarr.test.suite=<run id>}) and whatever carries the deployment or
 * test app id of a deployment the run's servers made ({@link TestRun} ledger). Other runs (other worktrees) may use
 * the engine at the same time, so their things are only reported, never counted.
 */
@NeedsDocker
class LeftoversIT {
    private static final String DEPLOYMENT = "homelabarr.deployment";
    private static final String APP = "homelabarr.app";

    @Test
    void nothingThisRunMadeIsLeftOnTheEngine() throws IOException {
        Set<String> deployments = new HashSet<>();
        Set<String> apps = new HashSet<>();
        readLedger(deployments, apps);
        try (DockerFixture fixture = new DockerFixture()) {
            DockerClient docker = fixture.client();
            List<String> left = new ArrayList<>();
            List<String> others = new ArrayList<>();
            Instant since = runStart();
            for (Container c : docker.listContainersCmd().withShowAll(true).exec()) {
                sort("container " + c.getNames()[0], c.getLabels(), Instant.ofEpochSecond(c.getCreated()), since,
                        deployments, apps, left, others);
            }
            for (Network n : docker.listNetworksCmd().exec()) {
                sort("network " + n.getName(), n.getLabels(), n.getCreated().toInstant(), since, deployments, apps,
                        left, others);
            }
            List<InspectVolumeResponse> volumes = docker.listVolumesCmd().exec().getVolumes();
            for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
                sort("volume " + v.getName(), v.getLabels(), null, since, deployments, apps, left, others);
            }
            for (Image i : docker.listImagesCmd().withLabelFilter(Map.of(TestRun.LABEL, TestRun.ID)).exec()) {
                left.add("image " + (i.getRepoTags() == null ? i.getId() : String.join(",", i.getRepoTags())));
            }
            System.out.println("[homelabarr] leftovers of test run " + TestRun.ID + ": checked " + deployments.size()
                    + " deployments and " + apps.size() + " test apps; left: " + left.size());
            if (!others.isEmpty()) {
                System.out.println("[homelabarr] test resources made since this run began that are not this run's "
                        + "(another run on this engine, or something unlabelled):\n  " + String.join("\n  ", others));
            }
            assertThat(left).as("what test run %s left on the engine", TestRun.ID).isEmpty();
        }
    }

    private static void sort(String what, Map<String, String> labels, Instant created, Instant since,
                             Set<String> deployments, Set<String> apps, List<String> left, List<String> others) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (TestRun.ID.equals(l.get(TestRun.LABEL)) || deployments.contains(l.get(DEPLOYMENT))
                || apps.contains(l.get(APP))) {
            left.add(what + " " + l);
        } else if (("true".equals(l.get(DockerFixture.TEST_LABEL)) || l.getOrDefault(APP, "").startsWith("myapps-"))
                && (created == null || since == null || !created.isBefore(since))) {
            others.add(what + " " + l);
        }
    }

    private static void readLedger(Set<String> deployments, Set<String> apps) throws IOException {
        Path folder = TestRun.ledgerFolder();
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(TestRun.ID + "-")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] kindAndId = line.split(" ", 2);
                    (kindAndId[0].equals("app") ? apps : deployments).add(kindAndId[1]);
                }
            }
        }
    }

    /** The run's start, when its id is the build's timestamp (as the pom sets it); null otherwise. */
    private static Instant runStart() {
        try {
            return LocalDateTime.parse(TestRun.ID, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'"))
                    .toInstant(ZoneOffset.UTC);
        } catch (RuntimeException notATimestamp) {
            return null;
        }
    }
}
