package homelabarr.deploy.plan;

import homelabarr.catalog.AppTemplate;

/** The plan stage end to end for tests: render a template with settings, then plan it in a mode. */
public final class Plans {
    private final Renderer renderer;
    private final Planner planner;

    public Plans(ProxySettings proxy) {
        this.renderer = new Renderer(proxy);
        this.planner = new Planner(proxy);
    }

    public Plan render(AppTemplate app, ResolvedSettings settings, Mode mode, String deploymentId) {
        return planner.plan(app, renderer.compose(app, settings.values()), mode, deploymentId, settings.values());
    }
}
