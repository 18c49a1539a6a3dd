package homelabarr.deploy;

import homelabarr.deploy.events.DeploymentStore;
import homelabarr.deploy.run.BindFolders;
import homelabarr.deploy.run.ContainerRunner;
import homelabarr.deploy.run.Executor;
import homelabarr.deploy.run.Preflight;
import homelabarr.deploy.run.PreviousSettings;
import homelabarr.deploy.run.Replacement;
import homelabarr.deploy.run.Rollback;
import homelabarr.deploy.run.Undeployer;
import homelabarr.deploy.run.Verifier;
import homelabarr.docker.RegistryAuth;
import homelabarr.environments.Target;
import homelabarr.host.Host;
import homelabarr.policy.ContainerGuard;
import homelabarr.policy.DeployPolicy;

/**
 * The deploy steps that speak to one environment's engine and host: preflight (its ports, names, networks),
 * the executor, rollback and undeploy. The plan, the records and the events are shared by every environment.
 */
record EngineSteps(String environment, Preflight preflight, Executor executor, PreviousSettings previous,
                   Undeployer undeployer, Rollback rollback, Replacement replacement, ContainerGuard guard,
                   Host host) {

    static EngineSteps of(Target target, DeploySettings settings, DeploymentStore store, AppLocks locks,
                          DeployPolicy policy, RegistryAuth.Lookup logins) {
        ContainerRunner runner = new ContainerRunner(target.engine());
        Rollback rollback = new Rollback(target.engine());
        Replacement replacement = new Replacement(target.engine(), store);
        BindFolders folders = new BindFolders(target.host());
        Executor executor = new Executor(target.engine(), logins, folders,
                new Verifier(runner, settings.verifyTimeout(), settings.settle()), runner, rollback, replacement);
        return new EngineSteps(target.name(), new Preflight(target.engine(), target.host(), folders), executor,
                new PreviousSettings(target.engine(), store, target.name()), new Undeployer(target.engine(), locks),
                rollback, replacement, new ContainerGuard(target.engine(), policy, target.host()), target.host());
    }
}
