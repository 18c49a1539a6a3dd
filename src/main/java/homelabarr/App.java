package homelabarr;

import homelabarr.audit.AuditLog;
import homelabarr.audit.AuditService;
import homelabarr.auth.Auth;
import homelabarr.catalog.BuiltinTemplates;
import homelabarr.catalog.Catalog;
import homelabarr.catalog.CatalogService;
import homelabarr.catalog.CustomTemplates;
import homelabarr.catalog.TemplateParser;
import homelabarr.containers.Containers;
import homelabarr.containers.RestartWatch;
import homelabarr.db.Database;
import homelabarr.db.PrivateFiles;
import homelabarr.deploy.Deploy;
import homelabarr.deploy.DeploySettings;
import homelabarr.deploy.plan.ProxySettings;
import homelabarr.docker.DockerEngine;
import homelabarr.docker.DockerSwarmEngine;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.environments.Environments;
import homelabarr.environments.EnvironmentsService;
import homelabarr.environments.Target;
import homelabarr.health.HealthService;
import homelabarr.metrics.MetricsFeature;
import homelabarr.notifications.Notifications;
import homelabarr.host.Host;
import homelabarr.updates.RegistryLogins;
import homelabarr.updates.UpdateRuns;
import homelabarr.updates.UpdateSummaries;
import homelabarr.updates.Updates;
import homelabarr.web.Dashboard;
import homelabarr.web.DashboardService;
import homelabarr.web.IndexService;
import homelabarr.http.ClientAddress;
import homelabarr.http.ConnectionLimit;
import homelabarr.http.ErrorMapper;
import homelabarr.http.Json;
import homelabarr.http.QuietDisconnects;
import homelabarr.http.ResponseHeaders;
import homelabarr.http.SlowRequests;
import homelabarr.ports.PortsService;
import homelabarr.swarm.Swarm;
import homelabarr.policy.DeployPolicy;
import homelabarr.policy.PolicyService;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http1.Http1Config;

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
        prepareDataDir(config.dataDir());
        this.db = new Database(config.databaseFile());
        MetricsFeature metrics = new MetricsFeature();
        // every part talks to the engine through the timing decorator, so /metrics sees every call
        Engine engine = metrics.timed(given);
        this.engine = engine;
        AuditLog audit = new AuditLog(db, clock);
        Auth auth = new Auth(Auth.Settings.standard(config.authEnabled(), config.jwtSecret(), config.dataDir(),
                config.jwtExpiresIn(), config.adminPassword()).withCorsOrigin(config.corsOrigin()), db, audit, json, clock);
        this.notifications = new Notifications(config.dataDir(), db, audit, json, auth.authenticator(), clock,
                metrics.metrics()::notificationAttempt);
        UpdateRuns updateRuns = new UpdateRuns(db, json.mapper(), clock);
        Announcements announcements = new Announcements(notifications.notifier(), metrics.metrics(), updateRuns, clock);
        Host host = Host.detect(engine, config.localEngine(), Path.of("/proc/self/mountinfo"), Path.of("/proc/net"), clock);
        DeployPolicy policy = new DeployPolicy(db, json.mapper(), clock, host);
        // swarm mode on local speaks to DOCKER_HOST (its routes answer 409 unless that engine is a swarm manager)
        this.environments = new Environments(new Target(Environments.LOCAL, engine, host,
                new DockerSwarmEngine(config.dockerHost())), config.dockerHost(), db,
                config.dataDir(), Path.of("/proc/net"), clock);
        Catalog catalog = new Catalog(() -> new BuiltinTemplates().load(templates),
                new CustomTemplates(customTemplateFolder(config), templates, clock));
        this.containers = new Containers(environments, policy, catalog::find, audit, json, auth.authenticator(), clock);
        this.restartWatch = new RestartWatch(engine, RESTARTS, RESTART_WINDOW, announcements.restartLoops());

        UpdateSummaries updateSummaries = new UpdateSummaries(db, json.mapper(), clock);
        RegistryLogins registryLogins = new RegistryLogins(db, config.dataDir(), clock);
        this.deploy = new Deploy(deploySettings(config), db, environments, catalog, policy, audit, json,
                auth.authenticator(), clock, announcements.deploymentEnds(), updateSummaries::of, registryLogins);
        this.swarm = new Swarm(environments, deploySettings(config), deploy.tracking(), catalog, policy, audit, json,
                auth.authenticator(), clock, config.deployVerifyTimeout().plusMinutes(2));
        this.updates = new Updates(config.updateCheckInterval(), config.dataDir(), db, environments, deploy, updateRuns,
                registryLogins, announcements.updates(), audit, json, auth.authenticator(), clock);
        metrics.metrics().sseSubscribers(Map.of("progress", deploy::openProgressStreams,
                "stats", containers::openStatsStreams, "logs", containers::openLogStreams));
        metrics.metrics().containers(containers::figures);

        Dashboard dashboard = new Dashboard();
        List<HttpService> services = List.of(
                auth.service(),
                new CatalogService(catalog, app -> policy.assessDefaults(app).reasons(), policy::version, json,
                        auth.authenticator()),
                new PolicyService(policy, audit, json, auth.authenticator()),
                new AuditService(audit, json, auth.authenticator()),
                deploy.service(),
                swarm.service(),
                updates.service(),
                containers.service(),
                new EnvironmentsService(environments, audit, json, auth.authenticator()),
                new PortsService(environments, json, auth.authenticator()),
                new HealthService(engine, environments, json, auth.authenticator(), config.authEnabled(), version, clock),
                notifications.service(),
                metrics.service(db, audit, json, auth.authenticator(), clock),
                new IndexService(json, auth.authenticator(), version, dashboard));

        ErrorMapper errors = new ErrorMapper(json);
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter(metrics.requests());
        routing.addFilter(slowRequests);
        routing.addFilter(new ResponseHeaders(config.corsOrigin(), json));
        routing.addFilter(new ClientAddress(config.trustedProxies()));
        errors.register(routing);
        routing.error(EngineException.class, (req, res, e) -> errors.write(res, EngineFailures.answer(e)));
        for (HttpService service : services) {
            routing.register("/api", service);
            routing.register(service);
        }
        routing.register(new DashboardService(dashboard));
        errors.notFound(routing);

        this.server = WebServer.builder()
                .host(config.bindAddress())
                .port(config.port())
                .maxPayloadSize(MAX_BODY_BYTES * 4)
                .maxTcpConnections(connectionLimit(config))
                // closes connections idle between requests, or stuck before their request line is complete
                .idleConnectionTimeout(config.requestTimeout())
                .idleConnectionPeriod(config.requestTimeout().dividedBy(4))
                // our HTTP/1 settings replace the discovered defaults instead of adding a second HTTP/1 handler
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().addReceiveListener(slowRequests).build())
                .directHandlers(errors.directHandlers())
                // without it a response of more than one TCP segment waits ~40 ms for the client's delayed ACK
                // (Nagle): GET /containers with 100 containers took 54 ms instead of 10
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routing)
                .build()
                .start();
        if (!server.isRunning()) {
            // Helidon logs the failed listener and returns; without this the process would carry on serving nothing
            slowRequests.close();
            restartWatch.close();
            notifications.close();
            updates.close();
            deploy.close();
            swarm.close();
            containers.close();
            environments.close();
            engine.close();
            db.close();
            throw new UncheckedIOException(new BindException(config.bindAddress() + ":" + config.port() + " cannot be bound"));
        }
        // only now: on a small machine the parse (0.7 s of CPU) would slow every step above; a request that needs
        // the catalog before it is done waits for it
        catalog.preload();
    }

    private static int connectionLimit(Config config) {
        long openFiles = ConnectionLimit.openFileLimit();
        int limit = ConnectionLimit.of(config.maxConnections(), openFiles);
        if (config.maxConnections() > limit) {
            LOG.log(System.Logger.Level.WARNING, "MAX_CONNECTIONS=" + config.maxConnections() + " is more than the "
                    + "open-file limit (" + openFiles + ") allows: accepting at most " + limit + " connections");
        }
        return limit;
    }

    /**
     * DATA_DIR is made owner-only (0700) when the server creates it. An existing one keeps its mode: it may be
     * shared on purpose (a backup user, a bind mount), and the files in it that matter are 0600 in any case.
     */
    private static void prepareDataDir(Path dataDir) {
        try {
            PrivateFiles.folder(dataDir);
            if (PrivateFiles.openToOthers(dataDir)) {
                LOG.log(System.Logger.Level.WARNING, "DATA_DIR can be listed by other local users; its database and "
                        + "key are owner-only, but consider chmod 700 on it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create DATA_DIR", e);
        }
    }

    /** DATA_DIR/apps/myapps (both 0700), created so users see where their own templates go. */
    private static Path customTemplateFolder(Config config) {
        Path apps = config.dataDir().resolve("apps");
        Path folder = apps.resolve(CustomTemplates.CATEGORY);
        try {
            PrivateFiles.folder(apps);
            PrivateFiles.folder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
        return folder;
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
