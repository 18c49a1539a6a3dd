package homelabarr;

import homelabarr.audit.AuditLog;
import homelabarr.audit.AuditService;
import homelabarr.audit.ServiceParts;
import homelabarr.auth.Auth;
import homelabarr.catalog.BuiltinTemplates;
import homelabarr.catalog.Catalog;
import homelabarr.catalog.CustomTemplates;
import homelabarr.catalog.CatalogService;
import homelabarr.catalog.TemplateParser;
import homelabarr.containers.Containers;
import homelabarr.containers.RestartWatch;
import homelabarr.db.Database;
import homelabarr.deploy.Deploy;
import homelabarr.deploy.DeploySettings;
import homelabarr.deploy.plan.ProxySettings;
import homelabarr.docker.DockerEngine;
import homelabarr.docker.DockerSwarmEngine;
import homelabarr.docker.Engine;
import homelabarr.environments.Environments;
import homelabarr.environments.EnvironmentsService;
import homelabarr.environments.Target;
import homelabarr.health.HealthService;
import homelabarr.host.Host;
import homelabarr.http.Json;
import homelabarr.http.QuietDisconnects;
import homelabarr.http.SlowRequests;
import homelabarr.metrics.MetricsFeature;
import homelabarr.notifications.Notifications;
import homelabarr.policy.DeployPolicy;
import homelabarr.policy.PolicyService;
import homelabarr.ports.PortsService;
import homelabarr.swarm.Swarm;
import homelabarr.updates.RegistryLogins;
import homelabarr.updates.UpdateRuns;
import homelabarr.updates.UpdateSummaries;
import homelabarr.updates.Updates;
import homelabarr.web.Dashboard;
import homelabarr.web.DashboardService;
import homelabarr.web.IndexService;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The composition root: builds every part with {@code new}, in dependency order. Tests start it on port 0. */
public final class App implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(App.class.getName());
    private static final long MAX_BODY_BYTES = 1024 * 1024;
    /** A managed container that stops this often within the window is reported as restarting in a loop. */
    private static final int RESTARTS = 5;
    private static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

    private final Database db;
    private final Engine engine;
    private final Deploy deploy;
    private final Updates updates;
    private final Containers containers;
    private final Environments environments;
    private final Swarm swarm;
    private final Notifications notifications;
    private final RestartWatch restartWatch;
    private final WebServer server;
    /** Held for as long as the server runs: it keeps the web server's connection loggers, and so their filter. */
    private final QuietDisconnects quietDisconnects;
    private final SlowRequests slowRequests;

    public App(Config config, Clock clock) {
        this(config, clock, new DockerEngine(config.dockerHost()));
    }

    /** With another engine: a test's hand-written one. */
    public App(Config config, Clock clock, Engine given) {
        if (!config.authEnabled()) {
            warnAuthDisabled();
        }
        this.quietDisconnects = QuietDisconnects.install();
        this.slowRequests = new SlowRequests(config.requestTimeout());
        TemplateParser templates = new TemplateParser();
        String version = version();
        Json json = new Json(MAX_BODY_BYTES);
        DataDir.prepare(config.dataDir());
        this.db = new Database(config.databaseFile());
        MetricsFeature metrics = new MetricsFeature();
        // every part talks to the engine through the timing decorator, so /metrics sees every call
        Engine engine = metrics.timed(given);
        this.engine = engine;
        AuditLog audit = new AuditLog(db, clock);
        Auth auth = new Auth(Auth.Settings.standard(config.authEnabled(), config.jwtSecret(), config.dataDir(),
                config.jwtExpiresIn(), config.adminPassword()).withCorsOrigin(config.corsOrigin()), db, audit, json, clock);
        // what every feature's routes are built with
        ServiceParts parts = new ServiceParts(json, auth.authenticator(), audit);
        this.notifications = new Notifications(config.dataDir(), db, parts, clock, metrics.metrics()::notificationAttempt);
        UpdateRuns updateRuns = new UpdateRuns(db, json.mapper(), clock);
        Announcements announcements = new Announcements(notifications.notifier(), metrics.metrics(), updateRuns, clock);
        Host host = Host.detect(engine, config.localEngine(), Path.of("/proc/self/mountinfo"), Path.of("/proc/net"), clock);
        DeployPolicy policy = new DeployPolicy(db, json.mapper(), clock, host);
        // swarm mode on local speaks to DOCKER_HOST (its routes answer 409 unless that engine is a swarm manager)
        this.environments = new Environments(new Target(Environments.LOCAL, engine, host,
                new DockerSwarmEngine(config.dockerHost())), config.dockerHost(), db,
                config.dataDir(), Path.of("/proc/net"), clock);
        Catalog catalog = new Catalog(() -> new BuiltinTemplates().load(templates),
                new CustomTemplates(DataDir.customTemplates(config.dataDir()), templates, clock));
        this.containers = new Containers(environments, policy, catalog::find, parts, clock);
        this.restartWatch = new RestartWatch(engine, RESTARTS, RESTART_WINDOW, announcements.restartLoops());

        UpdateSummaries updateSummaries = new UpdateSummaries(db, json.mapper(), clock);
        RegistryLogins registryLogins = new RegistryLogins(db, config.dataDir(), clock);
        this.deploy = new Deploy(deploySettings(config), db, environments, catalog, policy, parts, clock,
                announcements.deploymentEnds(), updateSummaries::of, registryLogins);
        this.swarm = new Swarm(environments, deploySettings(config), deploy.tracking(), catalog, policy, registryLogins,
                parts, clock, config.deployVerifyTimeout().plusMinutes(2));
        this.updates = new Updates(config.updateCheckInterval(), config.dataDir(), db, environments, deploy, updateRuns,
                registryLogins, announcements.updates(), parts, clock);
        metrics.metrics().sseSubscribers(Map.of("progress", deploy::openProgressStreams,
                "stats", containers::openStatsStreams, "logs", containers::openLogStreams));
        metrics.metrics().containers(containers::figures);

        Dashboard dashboard = new Dashboard();
        List<HttpService> services = List.of(
                auth.service(),
                new CatalogService(catalog, app -> policy.assessDefaults(app).reasons(), policy::version, parts),
                new PolicyService(policy, parts),
                new AuditService(parts),
                deploy.service(),
                swarm.service(),
                updates.service(),
                containers.service(),
                new EnvironmentsService(environments, parts),
                new PortsService(environments, parts),
                new HealthService(engine, environments, parts, config.authEnabled(), version, clock),
                notifications.service(),
                metrics.service(db, parts, clock),
                new IndexService(parts, version, dashboard));

        this.server = HttpEdge.start(config, json, MAX_BODY_BYTES, metrics.requests(), slowRequests, services,
                new DashboardService(dashboard));
        if (!server.isRunning()) {
            // Helidon logs the failed listener and returns; without this the process would carry on serving nothing
            close();
            throw new UncheckedIOException(new BindException(config.bindAddress() + ":" + config.port() + " cannot be bound"));
        }
        // only now: on a small machine the parse (0.7 s of CPU) would slow every step above; a request that needs
        // the catalog before it is done waits for it
        catalog.preload();
    }

    /** Logged by the App, not Main, so every way of starting the server warns. */
    private static void warnAuthDisabled() {
        LOG.log(System.Logger.Level.WARNING, "*************************************************************");
        LOG.log(System.Logger.Level.WARNING, "AUTH_ENABLED=false: EVERY route is open to anyone who can reach");
        LOG.log(System.Logger.Level.WARNING, "this port, including deploying apps and deleting containers.");
        LOG.log(System.Logger.Level.WARNING, "Only do this on an isolated machine.");
        LOG.log(System.Logger.Level.WARNING, "*************************************************************");
    }

    private static DeploySettings deploySettings(Config config) {
        return DeploySettings.of(new ProxySettings(config.traefikNetwork(), config.traefikEntrypoint(),
                config.traefikCertResolver(), config.autheliaMiddleware()), config.deployVerifyTimeout(),
                config.updateHealthWait());
    }

    public int port() {
        return server.port();
    }

    /** The database; tests make its storage fail for real through it (a full or read-only database). */
    public Database database() {
        return db;
    }

    /** The updates feature; tests run its scheduled round at once. */
    public Updates updates() {
        return updates;
    }

    /** The containers feature; tests read its stats collector's counters. */
    public Containers containers() {
        return containers;
    }

    static String version() {
        try (InputStream in = App.class.getResourceAsStream("/homelabarr-version.txt")) {
            return in == null ? "dev" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "dev";
        }
    }

    @Override
    public void close() {
        // streams first: an open event stream would hold the server's stop
        restartWatch.close();
        updates.close();
        deploy.close();
        swarm.close();
        containers.close();
        server.stop();
        slowRequests.close();
        environments.close();
        notifications.close();
        engine.close();
        db.close();
    }
}
