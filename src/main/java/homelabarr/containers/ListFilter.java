package homelabarr.containers;

import homelabarr.docker.ContainerSummary;
import homelabarr.http.ApiException;
import homelabarr.http.QueryParams;
import io.helidon.webserver.http.ServerRequest;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The {@code ?app=} and {@code ?state=} filters of {@code GET /containers}. */
record ListFilter(Optional<String> app, Optional<String> state) implements Predicate<ContainerSummary> {
    /** The states the engine reports. */
    static final List<String> STATES = List.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

    static ListFilter parse(ServerRequest req) {
        Optional<String> app = QueryParams.text(req, "app");
        app.ifPresent(a -> {
            if (!a.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
                throw ApiException.invalidField("app", "must be an app id such as media-servers-plex");
            }
        });
        Optional<String> state = QueryParams.text(req, "state");
        state.ifPresent(s -> {
            if (!STATES.contains(s)) {
                throw ApiException.invalidField("state", "must be one of " + String.join(", ", STATES));
            }
        });
        return new ListFilter(app, state);
    }

    @Override
    public boolean test(ContainerSummary c) {
        return app.map(a -> a.equals(c.app())).orElse(true) && state.map(s -> s.equals(c.state())).orElse(true);
    }
}
