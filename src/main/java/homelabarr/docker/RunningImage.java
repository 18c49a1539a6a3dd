package homelabarr.docker;

import java.util.List;

/**
 * The image a container runs: the reference it was created from ({@code configured}, e.g. {@code nginx:1.27} or
 * {@code nginx:1.27@sha256:…}), the local image id, and the registry digests the engine knows for that image
 * ({@code repoDigests}, {@code name@sha256:…}): what an update check compares with the registry.
 */
public record RunningImage(String containerId, String configured, String imageId, List<String> repoDigests,
                           boolean healthcheck) {
    public RunningImage {
        repoDigests = List.copyOf(repoDigests);
    }
}
