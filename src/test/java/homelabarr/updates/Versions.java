package homelabarr.updates;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import homelabarr.testing.TestRun;
import homelabarr.testing.TestTemplates;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Versions of one test repository in a real registry: each is the test image changed by a shell command, committed
 * (with the test run's labels) under {@code repository:tag}, pushed, and optionally removed locally so that using
 * it means a real pull. Remembers every image it made, for {@link #removeAll}.
 */
final class Versions {
    private final DockerClient docker;
    private final String repository;
    private final AuthConfig auth;
    private final List<String> made = new ArrayList<>();

    Versions(DockerClient docker, String registry, AuthConfig auth) {
        this.docker = docker;
        this.repository = registry + "/test/upd-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        this.auth = auth;
    }

    String repository() {
        return repository;
    }

    /** Commits the result of {@code script} run on {@code base}, tags it {@code tag}, pushes it; returns the image id. */
    String push(String base, String tag, String script) throws InterruptedException {
        String id = docker.createContainerCmd(base).withCmd("/bin/sh", "-c", script)
                .withLabels(TestRun.labels()).exec().getId();
        String image;
        try {
            docker.startContainerCmd(id).exec();
            docker.waitContainerCmd(id).start().awaitStatusCode();
            image = docker.commitCmd(id).withRepository(repository).withTag(tag).withLabels(TestRun.labels()).exec();
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        made.add(image);
        String[] error = new String[1];
        var push = docker.pushImageCmd(repository).withTag(tag);
        if (auth != null) {
            push.withAuthConfig(auth);
        }
        push.exec(new ResultCallback.Adapter<PushResponseItem>() {
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
        return image;
    }

    /** The first version: the test image with a file saying which version it is. */
    String first(String tag) throws InterruptedException {
        return push(TestTemplates.IMAGE, tag, "mkdir -p /www && echo one > /www/version");
    }

    /** The registry digest the engine recorded for {@code imageId} when it was pushed. */
    String digest(String imageId) {
        return docker.inspectImageCmd(imageId).exec().getRepoDigests().stream()
                .filter(d -> d.startsWith(repository + "@")).map(d -> d.substring(d.indexOf('@') + 1))
                .findFirst().orElseThrow();
    }

    /** Removes a version from the engine (the registry keeps it): using it again needs a pull. */
    void removeLocal(String imageId) {
        try {
            docker.removeImageCmd(imageId).withForce(true).exec();
        } catch (RuntimeException ignored) {
            // gone already
        }
    }

    boolean present(String reference) {
        try {
            docker.inspectImageCmd(reference).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Every image made or pulled of this repository. */
    void removeAll() {
        made.forEach(this::removeLocal);
        docker.listImagesCmd().withShowAll(true).exec().stream()
                .filter(i -> (i.getRepoDigests() != null && List.of(i.getRepoDigests()).stream().anyMatch(d -> d.startsWith(repository)))
                        || (i.getRepoTags() != null && List.of(i.getRepoTags()).stream().anyMatch(t -> t.startsWith(repository))))
                .forEach(i -> removeLocal(i.getId()));
    }
}
