package homelabarr.deploy.plan;

import homelabarr.deploy.plan.Plan.ContainerSpec;
import homelabarr.deploy.plan.Plan.NetworkSpec;
import homelabarr.deploy.plan.Plan.VolumeSpec;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.ComposeModel.ComposeFile;
import homelabarr.catalog.ComposeModel.NamedNetwork;
import homelabarr.catalog.ComposeModel.NamedVolume;
import homelabarr.catalog.ComposeModel.Service;
import homelabarr.catalog.DependencyOrder;
import homelabarr.catalog.ImageRef;
import homelabarr.catalog.TemplateException;
import homelabarr.errors.Refused;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Names every resource, labels it, orders the containers and applies the mode (see {@link ProxyRules}). */
public final class Planner {
    static final String DEFAULT_NETWORK = "default";
    private final ProxyRules proxyRules;

    public Planner(ProxySettings proxy) {
        this.proxyRules = new ProxyRules(proxy);
    }

    public Plan plan(AppTemplate app, ComposeFile file, Mode mode, String deploymentId, Map<String, String> values) {
        String appId = app.id();
        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        List<VolumeSpec> volumes = new ArrayList<>();
        file.volumes().forEach((key, v) -> volumes.add(volume(appId, deploymentId, key, v)));
        Set<String> oneOffs = new HashSet<>();
        file.services().values().forEach(s -> s.dependsOn().forEach((dep, condition) -> {
            if (condition.equals("service_completed_successfully")) {
                oneOffs.add(dep);
            }
        }));
        List<Service> ordered;
        try {
            ordered = DependencyOrder.of(file);
        } catch (TemplateException e) {
            throw Refused.invalid("Invalid settings", e.getMessage());
        }
        String main = app.info().webUi() != null ? app.info().webUi().service() : file.services().keySet().iterator().next();
        List<ContainerSpec> containers = new ArrayList<>();
        Set<String> images = new LinkedHashSet<>();
        List<ImageRef> imageRefs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Service s : ordered) {
            ImageRef image = image(s);
            if (images.add(image.canonical())) {
                imageRefs.add(image);
            }
            List<String> serviceNetworks = new ArrayList<>();
            if (s.networkMode() == null) {
                // only the proxy itself may join the proxy network on its own; the modes attach everyone else
                List<String> keys = s.networks().stream().filter(k -> app.info().isProxy()
                        || !proxyRules.isProxyNetwork(k, file.networks().get(k))).toList();
                keys = keys.isEmpty() ? List.of(DEFAULT_NETWORK) : keys;
                for (String key : keys) {
                    NamedNetwork def = file.networks().get(key);
                    NetworkSpec spec = networks.computeIfAbsent(key, k -> proxyRules.isProxyNetwork(k, def)
                            ? proxyRules.proxyNetwork(k) : network(appId, deploymentId, k, def));
                    serviceNetworks.add(spec.name());
                }
            }
            Map<String, String> labels = new LinkedHashMap<>(proxyRules.templateLabels(s.labels(), app.info()));
            labels.putAll(ownLabels(appId, deploymentId, s.name()));
            labels.put("com.docker.compose.oneoff", "False");
            labels.put("com.docker.compose.container-number", "1");
            String name = containerName(app.slug(), s, main, names);
            boolean oneOff = oneOffs.contains(s.name()) || "no".equals(s.restart());
            containers.add(new ContainerSpec(s.name(), name, image, s, labels, s.ports(), serviceNetworks,
                    s.networkMode(), s.dependsOn(), oneOff));
        }
        Plan plan = new Plan(appId, deploymentId, containers, List.copyOf(networks.values()), volumes, imageRefs,
                app.defaultWebPort(), null);
        return mode.proxied() ? proxyRules.route(plan, app, mode, values) : proxyRules.standard(plan, app, values);
    }

    static Map<String, String> ownLabels(String appId, String deploymentId, String service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Plan.LABEL_PROJECT, appId);
        if (service != null) {
            labels.put(Plan.LABEL_SERVICE, service);
        }
        labels.put(Plan.LABEL_APP, appId);
        labels.put(Plan.LABEL_DEPLOYMENT, deploymentId);
        return labels;
    }

    /** The template's container_name, else {@code <slug>} for the main service and {@code <slug>-<service>}. */
    private static String containerName(String slug, Service s, String main, Set<String> taken) {
        String name = s.containerName() != null ? s.containerName()
                : s.name().equals(main) || s.name().equals(slug) ? slug : slug + "-" + s.name();
        if (!taken.add(name)) {
            name = slug + "-" + s.name();
            if (!taken.add(name)) {
                throw Refused.invalid("Invalid template", "two services would both be named '" + name + "'");
            }
        }
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}")) {
            throw Refused.invalid("Invalid template", "'" + name + "' is not a valid container name");
        }
        return name;
    }

    private static ImageRef image(Service s) {
        try {
            return ImageRef.parse(s.image());
        } catch (TemplateException e) {
            throw Refused.conflict("Invalid image reference",
                    "service '" + s.name() + "': '" + s.image() + "' is not a valid image reference");
        }
    }

    private static NetworkSpec network(String appId, String deploymentId, String key, NamedNetwork def) {
        Map<String, String> labels = new LinkedHashMap<>(def == null ? Map.of() : def.labels());
        labels.putAll(ownLabels(appId, deploymentId, null));
        labels.put("com.docker.compose.network", key);
        if (def != null && def.external()) {
            return new NetworkSpec(key, def.name() != null ? def.name() : key, true, false, null, Map.of());
        }
        String name = def != null && def.name() != null ? def.name() : appId + "_" + key;
        return new NetworkSpec(key, name, false, false, def == null ? null : def.driver(), labels);
    }

    private static VolumeSpec volume(String appId, String deploymentId, String key, NamedVolume def) {
        Map<String, String> labels = new LinkedHashMap<>(def.labels());
        labels.putAll(ownLabels(appId, deploymentId, null));
        labels.put("com.docker.compose.volume", key);
        if (def.external()) {
            return new VolumeSpec(key, def.name() != null ? def.name() : key, true, null, Map.of(), Map.of());
        }
        String name = def.name() != null ? def.name() : appId + "_" + key;
        return new VolumeSpec(key, name, false, def.driver(), def.driverOpts(), labels);
    }
}
