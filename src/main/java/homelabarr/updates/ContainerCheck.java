package homelabarr.updates;

import java.time.Instant;
import java.util.List;

/**
 * The last check of one app's service: the environment it runs in, the image it runs ({@code image}, as deployed),
 * the digest it runs ({@code currentDigest}, from the engine's RepoDigests) and the one its tag has on the registry
 * now. {@code status} is one of {@link #STATUSES}; {@code error} says why a check could not be made.
 */
record ContainerCheck(String appId, String environment, String service, String container, String image, String currentDigest,
                      String remoteDigest, List<String> newerTags, String status, String error, Instant checkedAt) {
    static final String UP_TO_DATE = "up-to-date";
    static final String AVAILABLE = "update-available";
    /** Runs an image the registry never served (built or imported locally), or one fixed to a digest. */
    static final String NOT_CHECKABLE = "not-checkable";
    static final String ERROR = "error";
    static final List<String> STATUSES = List.of(UP_TO_DATE, AVAILABLE, NOT_CHECKABLE, ERROR);

    ContainerCheck {
        newerTags = List.copyOf(newerTags);
    }

    boolean updateAvailable() {
        return AVAILABLE.equals(status);
    }
}
