package homelabarr.deploy.events;

import homelabarr.db.Ids;

import java.util.Optional;
import java.util.regex.Pattern;

/** A deployment's id: 16 lowercase hex characters (64 random bits), unguessable so ids can travel in URLs. */
public record DeploymentId(String value) {
    private static final Pattern RULE = Pattern.compile("[0-9a-f]{16}");

    public DeploymentId {
        if (value == null || !RULE.matcher(value).matches()) {
            throw new IllegalArgumentException("a deployment id is 16 lowercase hex characters");
        }
    }

    public static DeploymentId next(Ids ids) {
        return new DeploymentId(ids.next());
    }

    /** Empty when the text cannot be a deployment id. */
    public static Optional<DeploymentId> parse(String text) {
        return text != null && RULE.matcher(text).matches() ? Optional.of(new DeploymentId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
