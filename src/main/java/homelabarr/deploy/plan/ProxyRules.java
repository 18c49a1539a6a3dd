package homelabarr.deploy.plan;

import homelabarr.deploy.plan.Plan.ContainerSpec;
import homelabarr.deploy.plan.Plan.NetworkSpec;

import homelabarr.catalog.AppInfo;
import homelabarr.catalog.AppInfo.WebUi;
import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.ComposeModel.NamedNetwork;
import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.errors.Refused;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the modes change. Traefik labels and the external proxy network written in a template are dropped, so the
 * result depends only on the mode and the settings; the traefik and authelia modes then add their own. Two kinds
 * of template are the exception, because the modes need them: the proxy itself ({@code provides: proxy}) keeps
 * its place on the proxy network, and the forward-auth provider ({@code provides: forward-auth}) keeps the
 * {@code traefik.http.middlewares.*} labels that define the authelia mode's middleware.
 */
public final class ProxyRules {
    /**
     * The servers transport that the catalog's Traefik defines in its file provider: TLS to the backend without
     * verifying its certificate. Only routers of web UIs declared {@code scheme: https} use it, since those apps
     * serve a self-signed certificate.
     */
    public static final String SKIP_VERIFY_TRANSPORT = "skip-verify@file";
    private static final String MIDDLEWARE_LABELS = "traefik.http.middlewares.";
    private final ProxySettings proxy;

    ProxyRules(ProxySettings proxy) {
        this.proxy = proxy;
    }

    boolean isProxyNetwork(String key, NamedNetwork def) {
        return def != null && def.external() && proxy.network().equals(def.name() != null ? def.name() : key);
    }

    /** The proxy network as every app sees it: shared, created when missing, never removed with an app. */
    NetworkSpec proxyNetwork(String key) {
        return new NetworkSpec(key, proxy.network(), false, true, null, Map.of("homelabarr.network", "proxy"));
    }

    Map<String, String> templateLabels(Map<String, String> labels, AppInfo info) {
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (!k.startsWith("traefik.") || info.isForwardAuth() && k.startsWith(MIDDLEWARE_LABELS)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Standard mode: the web UI stays on its published host port. */
    Plan standard(Plan plan, AppTemplate app, Map<String, String> values) {
        WebUi web = app.info().webUi();
        Integer port = null;
        if (web != null) {
            int webPort = web.port(values);
            ContainerSpec c = plan.container(web.service());
            port = "host".equals(c.networkMode()) ? Integer.valueOf(webPort) : c.ports().stream()
                    .filter(p -> p.containerPort() == webPort && p.hostPort() != null)
                    .map(PortMapping::hostPort).findFirst().orElse(null);
        }
        return plan.reachedAt(port, null);
    }

    /** Traefik and authelia modes: route {@code <slug>.<DOMAIN>} to the web UI; no host port for it. */
    Plan route(Plan plan, AppTemplate app, Mode mode, Map<String, String> values) {
        WebUi web = app.info().webUi();
        if (web == null) {
            throw Refused.invalidField("mode.type", app.id() + " has no web UI to serve through Traefik; use standard");
        }
        if (mode instanceof Mode.Authelia && app.info().isForwardAuth()) {
            throw Refused.invalidField("mode.type", app.id() + " is the login the authelia mode puts in front of "
                    + "apps and cannot sit behind itself; deploy it in traefik mode");
        }
        String host = app.slug() + "." + values.getOrDefault("DOMAIN", "localhost");
        int port = web.port(values);
        List<ContainerSpec> containers = new ArrayList<>();
        for (ContainerSpec c : plan.containers()) {
            containers.add(c.service().equals(web.service()) ? routed(c, app.id(), web, port, host, mode) : c);
        }
        List<NetworkSpec> networks = new ArrayList<>(plan.networks());
        boolean onProxy = networks.stream().anyMatch(n -> n.name().equals(proxy.network()));
        if (!"host".equals(plan.container(web.service()).networkMode()) && !onProxy) {
            networks.add(proxyNetwork("proxy"));
        }
        return plan.with(containers, networks).reachedAt(null, "https://" + host + web.path());
    }

    private ContainerSpec routed(ContainerSpec c, String router, WebUi web, int port, String host, Mode mode) {
        Map<String, String> labels = new LinkedHashMap<>(c.labels());
        String r = "traefik.http.routers." + router;
        String service = "traefik.http.services." + router + ".loadbalancer";
        labels.put("traefik.enable", "true");
        labels.put(r + ".rule", "Host(`" + host + "`)");
        labels.put(r + ".entrypoints", proxy.entrypoint());
        labels.put(r + ".tls", "true");
        labels.put(r + ".tls.certresolver", proxy.certResolver());
        labels.put(r + ".service", router);
        labels.put(service + ".server.port", Integer.toString(port));
        if (web.scheme().equals("https")) {
            labels.put(service + ".server.scheme", "https");
            labels.put(service + ".serverstransport", SKIP_VERIFY_TRANSPORT);
        }
        if (mode instanceof Mode.Authelia) {
            labels.put(r + ".middlewares", proxy.autheliaMiddleware());
        }
        List<String> networks = new ArrayList<>(c.networks());
        if (c.networkMode() == null) {
            labels.put("traefik.docker.network", proxy.network());
            if (!networks.contains(proxy.network())) {
                networks.add(proxy.network());
            }
        }
        List<PortMapping> ports = c.ports().stream().filter(p -> p.containerPort() != port).toList();
        return c.routed(labels, ports, networks);
    }
}
