package homelabarr.auth;

import homelabarr.audit.AuditLog;
import homelabarr.audit.ServiceParts;
import homelabarr.db.Database;
import homelabarr.db.Ids;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import io.helidon.webserver.http.HttpService;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The auth feature, wired: its routes and the authenticator every other feature's routes use. */
public final class Auth {
    private final Authenticator authenticator;
    private final HttpService service;

    public Auth(Settings settings, Database db, AuditLog audit, Json json, Clock clock) {
        Ids ids = new Ids();
        UserStore users = new UserStore(db, ids, clock);
        SessionStore sessions = new SessionStore(db, clock);
        ApiKeyStore keys = new ApiKeyStore(db, ids, clock);
        byte[] secret = JwtSecret.resolve(settings.jwtSecret(), settings.dataDir());
        Tokens tokens = new Tokens(secret, settings.tokenLifetime(), clock);
        BrowserSessions browser = new BrowserSessions(secret, settings.tokenLifetime(), settings.corsOrigin());
        LoginThrottle throttle = new LoginThrottle(clock, settings.perAccountAndClient(), settings.perClient(),
                settings.global());
        Accounts accounts = new Accounts(users, sessions, tokens, new PasswordHasher(), new PasswordPolicy(), throttle);
        accounts.bootstrap(settings.adminPassword());
        this.authenticator = settings.enabled() ? new TokenAuthenticator(tokens, sessions, keys, browser) : Authenticator.DISABLED;
        this.service = new AuthService(accounts, keys, browser, new ServiceParts(json, authenticator, audit));
    }

    /** What the auth feature needs from the configuration. */
    public record Settings(boolean enabled, Optional<String> jwtSecret, Path dataDir, Duration tokenLifetime,
                           Optional<String> adminPassword, ThrottlePolicy perAccountAndClient,
                           ThrottlePolicy perClient, ThrottlePolicy global, Optional<String> corsOrigin) {
        /**
         * Five failures per account from one address, then one a minute; thirty per address, then one every ten
         * seconds; a hundred from everyone, then 200 a minute (each failure costs an Argon2id hash: 19 MiB and tens
         * of milliseconds of a core).
         */
        public static Settings standard(boolean enabled, Optional<String> jwtSecret, Path dataDir, Duration tokenLifetime,
                                        Optional<String> adminPassword) {
            return new Settings(enabled, jwtSecret, dataDir, tokenLifetime, adminPassword,
                    new ThrottlePolicy(5, Duration.ofMinutes(1)), new ThrottlePolicy(30, Duration.ofSeconds(10)),
                    new ThrottlePolicy(100, Duration.ofMillis(300)), Optional.empty());
        }

        /** The origin (CORS_ORIGIN) whose pages may also send the dashboard's cookie-authenticated changes. */
        public Settings withCorsOrigin(Optional<String> origin) {
            return new Settings(enabled, jwtSecret, dataDir, tokenLifetime, adminPassword, perAccountAndClient, perClient,
                    global, origin);
        }
    }

    /** Checks HOMELABARR_ADMIN_PASSWORD against the password policy; the reason, or null when acceptable. */
    public static String adminPasswordProblem(String password) {
        return new PasswordPolicy().problem(password, "admin");
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public HttpService service() {
        return service;
    }
}
