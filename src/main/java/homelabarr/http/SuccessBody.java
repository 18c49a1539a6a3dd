package homelabarr.http;

/** The answer of a change that has nothing more to say: {@code {"success": true}}. */
public record SuccessBody(boolean success) {
    public static final SuccessBody OK = new SuccessBody(true);
}
