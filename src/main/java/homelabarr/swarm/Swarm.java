package homelabarr.swarm;

import homelabarr.audit.AuditLog;
import homelabarr.catalog.Catalog;
import homelabarr.deploy.Deploy;
import homelabarr.deploy.DeploySettings;
import homelabarr.deploy.plan.Planner;
import homelabarr.deploy.plan.Renderer;
import homelabarr.deploy.plan.SecretGenerator;
import homelabarr.deploy.plan.SettingsResolver;
import homelabarr.docker.SwarmEngine;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import homelabarr.policy.DeployPolicy;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Swarm mode, wired: apps deployed as stacks on the swarm {@code engine} manages. Until environments land, App
 * gives it the local engine; with environments, the target environment's engine (when it is a manager).
 */
public final class Swarm implements AutoCloseable {
    private static final Duration POLL = Duration.ofSeconds(1);
    private final StackDeployer deployer;
    private final HttpService service;
    private final SwarmEngine engine;

    public Swarm(SwarmEngine engine, DeploySettings settings, Deploy.Tracking tracking, Catalog catalog, DeployPolicy policy,
                 AuditLog audit, Json json, Authenticator authenticator, Clock clock, Duration timeout) {
        this.engine = engine;
        // one deployment or removal per stack at a time, shared by both
        Map<String, String> busy = new ConcurrentHashMap<>();
        this.deployer = new StackDeployer(catalog, new SettingsResolver(new SecretGenerator()), new Renderer(settings.proxy()),
                new Planner(settings.proxy()), policy, tracking, engine, new StackRollout(engine, clock, timeout, POLL), audit,
                busy);
        this.service = new SwarmService(engine, deployer, new Stacks(engine, policy, busy), audit, json, authenticator);
    }

    public HttpService service() {
        return service;
    }

    @Override
    public void close() {
        deployer.close();
        engine.close();
    }
}
