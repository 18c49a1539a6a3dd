package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import homelabarr.catalog.ImageRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Local stand-ins for the catalog's images, which cannot be pulled here: {@code homelabarr-test/standin:1} (made by
 * scripts/test-env.sh: busybox with every applet, entrypoint /standin) tagged under each image name that is not
 * on the engine yet. The stand-in runs a shell script a template gives it and waits in place of any other
 * program. Only the tags made here are removed again, and only while they still point at the stand-in.
 */
final class StandIns implements AutoCloseable {
    static final String IMAGE = "homelabarr-test/standin:1";
    private final DockerClient docker;
    private final String imageId;
    private final List<ImageRef> created = new ArrayList<>();

    StandIns(DockerClient docker, Collection<ImageRef> images) {
        this.docker = docker;
        try {
            this.imageId = docker.inspectImageCmd(IMAGE).exec().getId();
        } catch (NotFoundException e) {
            throw new IllegalStateException("The stand-in image " + IMAGE + " is missing; run scripts/test-env.sh", e);
        }
        for (ImageRef image : images) {
            if (image.digest() != null || present(image.canonical())) {
                continue;
            }
            docker.tagImageCmd(imageId, image.name(), image.tag()).exec();
            created.add(image);
        }
    }

    int created() {
        return created.size();
    }

    private boolean present(String reference) {
        try {
            docker.inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Untags what this run tagged (the stand-in image itself stays, like the other test images). */
    @Override
    public void close() {
        for (ImageRef image : created) {
            try {
                if (imageId.equals(docker.inspectImageCmd(image.canonical()).exec().getId())) {
                    docker.removeImageCmd(image.canonical()).withNoPrune(true).exec();
                }
            } catch (RuntimeException e) {
                // gone already, or still used by a container of another run: leave it
            }
        }
    }
}
