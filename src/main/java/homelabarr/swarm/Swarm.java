package homelabarr.swarm;

import homelabarr.audit.ServiceParts;
import homelabarr.catalog.Catalog;
import homelabarr.deploy.Deploy;
import homelabarr.deploy.DeploySettings;
import homelabarr.deploy.plan.Planner;
import homelabarr.deploy.plan.Renderer;
import homelabarr.deploy.plan.SecretGenerator;
import homelabarr.deploy.plan.SettingsResolver;
import homelabarr.docker.RegistryAuth;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
import homelabarr.policy.DeployPolicy;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Swarm mode, wired: apps deployed as stacks on the swarm that an environment's engine manages ({@code ?env=},
 * {@code local} by default). Each environment's manager is its engine's swarm side ({@code Target.swarm}); stack
 * deployments that a restart interrupted are ended and undone on construction, before the routes answer.
 */
public final class Swarm implements AutoCloseable {
    private static final Duration POLL = Duration.ofSeconds(1);
    private final StackDeployer deployer;
    private final HttpService service;

    public Swarm(Environments environments, DeploySettings settings, Deploy.Tracking tracking, Catalog catalog,
                 DeployPolicy policy, RegistryAuth.Lookup logins, ServiceParts parts, Clock clock, Duration timeout) {
        PerEnvironment<SwarmTarget> targets = new PerEnvironment<>(environments, t -> {
            // one deployment or removal per stack at a time, shared by both
            Map<String, String> busy = new ConcurrentHashMap<>();
            return new SwarmTarget(t.name(), t.swarm(), new StackRollout(t.swarm(), logins, clock, timeout, POLL),
                    new Stacks(t.swarm(), policy, busy), busy);
        });
        this.deployer = new StackDeployer(catalog, new SettingsResolver(new SecretGenerator()), new Renderer(settings.proxy()),
                new Planner(settings.proxy()), policy, tracking, parts.audit());
        StackRecovery.run(tracking, targets, parts.audit());
        this.service = new SwarmService(targets, deployer, parts);
    }

    public HttpService service() {
        return service;
    }

    /** Stops running rollouts; the managers' connections are the environments' to close. */
    @Override
    public void close() {
        deployer.close();
    }
}
