package homelabarr.http;

/** The JSON body of every error response. */
public record ErrorBody(String error, String details) {
}
