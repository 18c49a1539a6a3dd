package homelabarr.docker;

/** Receives an image pull's progress, one message per layer change as the engine reports it. */
public interface PullListener {
    /** {@code current} and {@code total} in bytes when the engine says them. */
    void layer(String layer, String status, Long current, Long total);
}
