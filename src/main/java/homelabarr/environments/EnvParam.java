package homelabarr.environments;

import homelabarr.http.ApiException;
import homelabarr.http.QueryParams;
import io.helidon.webserver.http.ServerRequest;

/** The {@code ?env=NAME} of a route that touches Docker: {@code local} when absent, so older clients work unchanged. */
public final class EnvParam {
    private EnvParam() {
    }

    /** The one environment a request names; {@code all} is refused here (only lists span environments). */
    public static String one(ServerRequest req) {
        String name = QueryParams.text(req, "env").map(String::strip).filter(s -> !s.isEmpty()).orElse(Environments.LOCAL);
        if (Environments.ALL.equals(name)) {
            throw ApiException.invalidField("env", "must name one environment here; env=all is for lists");
        }
        return name;
    }

    /** The environment a list is about, or {@link Environments#ALL}. */
    public static String list(ServerRequest req) {
        return QueryParams.text(req, "env").map(String::strip).filter(s -> !s.isEmpty()).orElse(Environments.LOCAL);
    }
}
