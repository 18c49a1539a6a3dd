package homelabarr.deploy.run;

import homelabarr.catalog.ImageRef;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.docker.RegistryAuth;
import homelabarr.docker.Streaming;

/**
 * Pulls images through the Engine API, with the stored login of the image's registry if there is one, reporting
 * each layer's progress; images already present are kept.
 */
final class ImagePuller {
    private final Engine engine;
    private final RegistryAuth.Lookup logins;

    ImagePuller(Engine engine, RegistryAuth.Lookup logins) {
        this.engine = engine;
        this.logins = logins;
    }

    boolean present(ImageRef image) {
        return engine.imagePresent(image.canonical());
    }

    void pull(ImageRef image, PullTracker tracker, Cancellation cancellation) throws DeployFailure {
        String tag = image.digest() != null ? image.digest() : image.tag();
        RegistryAuth auth = logins.forImage(image.name()).orElse(null);
        try (Streaming pull = cancellation.track(engine.pull(image.name(), tag, auth,
                (layer, status, current, total) -> tracker.update(image.canonical(), layer, status, current, total)))) {
            pull.awaitEnd(Long.MAX_VALUE);
            cancellation.untrack(pull);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailure(DeployFailure.Kind.SHUTDOWN, "Interrupted");
        } catch (EngineException e) {
            cancellation.check();
            throw DeployFailure.engine("Cannot pull image " + image.canonical(), e);
        }
        cancellation.check();
        if (!present(image)) {
            throw new DeployFailure("Cannot pull image " + image.canonical() + ": the engine did not store it");
        }
        tracker.done(image.canonical());
    }
}
