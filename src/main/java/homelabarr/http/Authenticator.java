package homelabarr.http;

import io.helidon.webserver.http.ServerRequest;

/** Turns a request's credentials into a {@link Principal}, or throws a 401 {@link ApiException}. */
public interface Authenticator {
    Principal authenticate(ServerRequest req);

    /** When authentication is switched off every caller is an administrator. */
    Authenticator DISABLED = req -> Principal.AUTH_DISABLED;
}
