package homelabarr.http;

/** The envelope of an answer that carries one thing: {@code {"success": true, "data": …}}. */
public record DataBody(boolean success, Object data) {
    public static DataBody of(Object data) {
        return new DataBody(true, data);
    }
}
