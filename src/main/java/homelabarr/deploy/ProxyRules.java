package homelabarr.deploy;

import homelabarr.catalog.AppInfo.WebUi;
import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.ComposeModel.NamedNetwork;
import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.deploy.Plan.ContainerSpec;
import homelabarr.deploy.Plan.NetworkSpec;
import homelabarr.http.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the modes change. Traefik labels and the external proxy network written in a template are always dropped;
 * the traefik and authelia modes then add their own, so the result depends only on the mode and the settings.
 */
final class ProxyRules {
    private final ProxySettings proxy;

    ProxyRules(ProxySettings proxy) {
        this.proxy = proxy;
    }

    boolean isProxyNetwork(String key, NamedNetwork def) {
        return def != null && def.external() && proxy.network().equals(def.name() != null ? def.name() : key);
    }

    Map<String, String> withoutProxyLabels(Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (!k.startsWith("traefik.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Standard mode: the web UI stays on its published host port. */
    Plan standard(Plan plan, AppTemplate app) {
        WebUi web = app.info().webUi();
        Integer port = null;
        if (web != null) {
            ContainerSpec c = plan.container(web.service());
            port = "host".equals(c.networkMode()) ? Integer.valueOf(web.port()) : c.ports().stream()
                    .filter(p -> p.containerPort() == web.port() && p.hostPort() != null)
                    .map(PortMapping::hostPort).findFirst().orElse(null);
        }
        return new Plan(plan.appId(), plan.deploymentId(), plan.containers(), plan.networks(), plan.volumes(),
                plan.images(), port, null);
    }

    /** Traefik and authelia modes: route {@code <slug>.<DOMAIN>} to the web UI; no host port for it. */
    Plan route(Plan plan, AppTemplate app, Mode mode, Map<String, String> values) {
        WebUi web = app.info().webUi();
        if (web == null) {
            throw ApiException.invalidField("mode.type", app.id() + " has no web UI to serve through Traefik; use standard");
        }
        String host = app.slug() + "." + values.getOrDefault("DOMAIN", "localhost");
        List<ContainerSpec> containers = new ArrayList<>();
        for (ContainerSpec c : plan.containers()) {
            containers.add(c.service().equals(web.service()) ? routed(c, app.id(), web, host, mode) : c);
        }
        List<NetworkSpec> networks = new ArrayList<>(plan.networks());
        if (!"host".equals(plan.container(web.service()).networkMode())) {
            networks.add(new NetworkSpec("proxy", proxy.network(), false, true, null,
                    Map.of("homelabarr.network", "proxy")));
        }
        return new Plan(plan.appId(), plan.deploymentId(), containers, networks, plan.volumes(), plan.images(), null,
                "https://" + host + web.path());
    }

    private ContainerSpec routed(ContainerSpec c, String router, WebUi web, String host, Mode mode) {
        Map<String, String> labels = new LinkedHashMap<>(c.labels());
        String r = "traefik.http.routers." + router;
        labels.put("traefik.enable", "true");
        labels.put(r + ".rule", "Host(`" + host + "`)");
        labels.put(r + ".entrypoints", proxy.entrypoint());
        labels.put(r + ".tls", "true");
        labels.put(r + ".tls.certresolver", proxy.certResolver());
        labels.put(r + ".service", router);
        labels.put("traefik.http.services." + router + ".loadbalancer.server.port", Integer.toString(web.port()));
        if (web.scheme().equals("https")) {
            labels.put("traefik.http.services." + router + ".loadbalancer.server.scheme", "https");
        }
        if (mode instanceof Mode.Authelia) {
            labels.put(r + ".middlewares", proxy.autheliaMiddleware());
        }
        List<String> networks = new ArrayList<>(c.networks());
        if (c.networkMode() == null) {
            labels.put("traefik.docker.network", proxy.network());
            networks.add(proxy.network());
        }
        List<PortMapping> ports = c.ports().stream().filter(p -> p.containerPort() != web.port()).toList();
        return new ContainerSpec(c.service(), c.name(), c.image(), c.definition(), labels, ports, networks,
                c.networkMode(), c.dependsOn(), c.oneOff());
    }
}
