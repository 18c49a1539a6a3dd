package homelabarr.audit;

import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import homelabarr.http.Routes;
import io.helidon.webserver.http.HttpRules;

/**
 * What every feature's HTTP service is built with: JSON reading and writing, the caller's authentication, and the
 * audit log its routes declare their audit with. One value instead of three constructor parameters each. It lives
 * here, not in {@code http}, because {@code http} knows no feature and the audit log is one.
 */
public record ServiceParts(Json json, Authenticator authenticator, AuditLog audit) {
    /** A routing table for {@code rules}, guarded by this authenticator. */
    public Routes routes(HttpRules rules) {
        return new Routes(rules, authenticator);
    }
}
