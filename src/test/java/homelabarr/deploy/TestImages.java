package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import homelabarr.testing.TestRun;
import homelabarr.testing.TestTemplates;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Images in the local registry (127.0.0.1:5000) that are not on the engine, so a deploy really pulls them. */
final class TestImages {
    static final String REPOSITORY = "127.0.0.1:5000/test/busybox";

    private TestImages() {
    }

    /**
     * The test image plus one layer of random bytes, pushed under a fresh tag and then removed locally: pulling it
     * downloads that layer (with byte progress) while the base layer "already exists".
     */
    static String pushFresh(DockerClient docker) throws InterruptedException {
        String tag = "t" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        String id = docker.createContainerCmd(TestTemplates.IMAGE)
                .withCmd("/bin/sh", "-c", "head -c 2000000 /dev/urandom > /random.bin")
                .withLabels(TestRun.labels()).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            docker.waitContainerCmd(id).start().awaitStatusCode();
            docker.commitCmd(id).withRepository(REPOSITORY).withTag(tag).withLabels(TestRun.labels()).exec();
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        String[] error = new String[1];
        docker.pushImageCmd(REPOSITORY).withTag(tag).exec(new ResultCallback.Adapter<PushResponseItem>() {
            @Override
            public void onNext(PushResponseItem item) {
                if (item.getErrorDetail() != null) {
                    error[0] = item.getErrorDetail().getMessage();
                }
            }
        }).awaitCompletion();
        if (error[0] != null) {
            throw new IllegalStateException("push failed: " + error[0]);
        }
        docker.removeImageCmd(REPOSITORY + ":" + tag).exec();
        return REPOSITORY + ":" + tag;
    }

    /** Removes local copies of pulled test images (the registry keeps its copy). */
    static void removeLocal(DockerClient docker, List<String> images) {
        for (String image : images) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // not pulled, or already gone
            }
        }
    }
}
