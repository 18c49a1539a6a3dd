package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import homelabarr.catalog.ImageRef;

/** Pulls images through the Engine API, reporting each layer's progress; images already present are kept. */
final class ImagePuller {
    private final DockerClient docker;

    ImagePuller(DockerClient docker) {
        this.docker = docker;
    }

    boolean present(ImageRef image) {
        try {
            docker.inspectImageCmd(image.canonical()).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    void pull(ImageRef image, PullTracker tracker, Cancellation cancellation) throws DeployFailure {
        String tag = image.digest() != null ? image.digest() : image.tag();
        String[] streamError = new String[1];
        Throwable[] failure = new Throwable[1];
        ResultCallback.Adapter<PullResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onError(Throwable throwable) {
                // reported to the user as the deployment's reason; the library would also log it as an error
                failure[0] = throwable;
                onComplete();
            }

            @Override
            public void onNext(PullResponseItem item) {
                if (item.getErrorDetail() != null || item.getError() != null) {
                    streamError[0] = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                            ? item.getErrorDetail().getMessage() : item.getError();
                    return;
                }
                tracker.update(image.canonical(), item);
            }
        };
        cancellation.track(callback);
        try {
            docker.pullImageCmd(image.name()).withTag(tag).exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailure(DeployFailure.Kind.SHUTDOWN, "Interrupted");
        } catch (RuntimeException e) {
            cancellation.check();
            throw new DeployFailure("Cannot pull image " + image.canonical() + ": " + EngineErrors.message(e));
        } finally {
            cancellation.untrack(callback);
        }
        cancellation.check();
        if (failure[0] != null) {
            throw new DeployFailure("Cannot pull image " + image.canonical() + ": " + EngineErrors.message(failure[0]));
        }
        if (streamError[0] != null) {
            throw new DeployFailure("Cannot pull image " + image.canonical() + ": " + streamError[0]);
        }
        if (!present(image)) {
            throw new DeployFailure("Cannot pull image " + image.canonical() + ": the engine did not store it");
        }
        tracker.done(image.canonical());
    }
}
