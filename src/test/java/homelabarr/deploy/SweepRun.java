package homelabarr.deploy;

import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.plan.Mode;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plans;
import homelabarr.deploy.plan.Plan.ContainerSpec;
import homelabarr.deploy.plan.ProxyRules;
import homelabarr.deploy.plan.ProxySettings;
import homelabarr.deploy.plan.SecretGenerator;
import homelabarr.deploy.plan.SettingsResolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.ComposeModel.MountType;
import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.catalog.ComposeModel.VolumeMount;
import homelabarr.catalog.Setting;
import homelabarr.deploy.CatalogSweep.Case;
import homelabarr.deploy.CatalogSweep.Result;
import homelabarr.testing.Await;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** One deployment of the sweep, from the request to the checks after undeploy. Thread-safe. */
final class SweepRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HANG = Duration.ofSeconds(150);
    private static final List<String> BUSY = List.of("Already deployed", "Container name in use", "Port in use",
            "Deployment in progress");
    private final TestServer server;
    private final Path root;
    private final String network;
    private final Plans renderer;
    private final SettingsResolver resolver = new SettingsResolver(new SecretGenerator());
    private final AtomicInteger nextPort = new AtomicInteger(21000);
    private final Set<String> deployments = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Thrown by a check that found a fault; ends the case with that outcome. */
    private static final class Fault extends Exception {
        final SweepOutcome outcome;

        Fault(SweepOutcome outcome, String detail) {
            super(detail, null, false, false);
            this.outcome = outcome;
        }
    }

    SweepRun(TestServer server, Path root, String network) {
        this.server = server;
        this.root = root;
        this.network = network;
        this.renderer = new Plans(new ProxySettings(network, "websecure", "letsencrypt", "authelia@docker"));
    }

    Result deploy(Case c) {
        long start = System.nanoTime();
        SweepOutcome outcome;
        String detail;
        try {
            String[] reason = new String[1];
            outcome = attempt(c, reason);
            detail = reason[0];
        } catch (Fault f) {
            outcome = f.outcome;
            detail = f.getMessage();
        } catch (RuntimeException e) {
            outcome = SweepOutcome.UNCLASSIFIED;
            detail = "sweep error: " + e;
        }
        return new Result(c, outcome, detail, (System.nanoTime() - start) / 1_000_000);
    }

    private SweepOutcome attempt(Case c, String[] reason) throws Fault {
        AppTemplate app = c.app();
        Map<String, Object> config = config(app);
        Mode mode = Mode.parse(c.mode());
        Plan plan = renderer.render(app, resolver.resolve(app, config), mode, "0000000000000000");
        List<Path> missing = new ArrayList<>();
        for (ContainerSpec spec : plan.containers()) {
            for (VolumeMount m : spec.definition().volumes()) {
                if (m.type() == MountType.BIND && !Path.of(m.source()).normalize().startsWith(root)) {
                    missing.addAll(HostFolders.missing(Path.of(m.source())));
                }
            }
        }
        Http.Response answer = server.post("/deploy", server.token(), body(app.id(), config, c.mode()));
        if (answer.status() >= 500) {
            throw new Fault(SweepOutcome.SERVER_ERROR, "deploy answered " + answer.status() + ": " + answer.body());
        }
        if (answer.status() != 202) {
            String error = answer.json().path("error").asText();
            throw new Fault(BUSY.contains(error) ? SweepOutcome.BUSY : SweepOutcome.REFUSED,
                    answer.status() + " " + error + ": " + answer.json().path("details").asText());
        }
        String id = answer.json().get("deploymentId").asText();
        deployments.add(id);
        JsonNode record = awaitEnd(id);
        String status = record.get("status").asText();
        reason[0] = record.path("reason").isNull() ? null : record.path("reason").asText(null);
        SweepOutcome outcome = switch (status) {
            case "succeeded" -> SweepOutcome.SUCCEEDED;
            case "rolled-back" -> SweepOutcome.ofRollback(reason[0]);
            case "failed" -> SweepOutcome.FAILED;
            default -> SweepOutcome.UNCLASSIFIED;
        };
        Fault fault = null;
        if (outcome == SweepOutcome.SUCCEEDED) {
            fault = firstFault(() -> checkPorts(plan, id), () -> checkProxy(app, plan, id, mode), () -> checkWebPort(plan, record));
        }
        Fault leftover = undeploy(app, id, outcome == SweepOutcome.SUCCEEDED);
        List<Path> created = HostFolders.createdSince(missing);
        if (leftover != null) {
            throw leftover;
        }
        if (!created.isEmpty()) {
            throw new Fault(SweepOutcome.FOLDER_OUTSIDE, "the engine created " + created);
        }
        if (fault != null) {
            throw fault;
        }
        return outcome;
    }

    private interface Check {
        void run() throws Fault;
    }

    private static Fault firstFault(Check... checks) {
        for (Check check : checks) {
            try {
                check.run();
            } catch (Fault f) {
                return f;
            }
        }
        return null;
    }

    private JsonNode awaitEnd(String id) throws Fault {
        Http.Response r;
        try {
            r = Await.value("deployment " + id + " to end", HANG, () -> server.get("/deployments/" + id),
                    res -> res.status() >= 500
                            || DeploymentStatus.parse(res.json().at("/data/status").asText()).isFinal());
        } catch (AssertionError hang) {
            server.delete("/deployments/" + id, server.token());
            throw new Fault(SweepOutcome.HANG, "still " + server.get("/deployments/" + id).json().at("/data/status")
                    .asText() + " after " + HANG.toSeconds() + " s");
        }
        if (r.status() >= 500) {
            throw new Fault(SweepOutcome.SERVER_ERROR, "GET /deployments/" + id + " answered " + r.status());
        }
        return r.json().get("data");
    }

    /** Every published port is the one the plan asks for, and nothing else is published. */
    private void checkPorts(Plan plan, String id) throws Fault {
        for (Container c : server.docker().containers(Plan.LABEL_DEPLOYMENT + "=" + id)) {
            InspectContainerResponse info = server.docker().client().inspectContainerCmd(c.getId()).exec();
            String name = info.getName().substring(1);
            ContainerSpec spec = plan.containers().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("container " + name + " is not in the plan"));
            Set<String> expected = new TreeSet<>();
            boolean own = spec.networkMode() == null || !(spec.networkMode().equals("host")
                    || spec.networkMode().startsWith("service:") || spec.networkMode().startsWith("container:"));
            for (PortMapping p : own ? spec.ports() : List.<PortMapping>of()) {
                if (p.hostPort() != null) {
                    expected.add(p.hostPort() + ":" + p.containerPort() + "/" + p.protocol());
                }
            }
            Set<String> actual = new TreeSet<>();
            Ports ports = info.getNetworkSettings().getPorts();
            if (ports != null) {
                for (Map.Entry<ExposedPort, Ports.Binding[]> e : ports.getBindings().entrySet()) {
                    for (Ports.Binding b : e.getValue() == null ? new Ports.Binding[0] : e.getValue()) {
                        actual.add(b.getHostPortSpec() + ":" + e.getKey().getPort() + "/" + e.getKey().getProtocol());
                    }
                }
            }
            if (!expected.equals(actual)) {
                throw new Fault(SweepOutcome.WRONG_PORTS, name + " publishes " + actual + ", the plan says " + expected);
            }
        }
    }

    /** Behind Traefik: the web container carries the router (and transport, middleware) and is on the proxy network. */
    private void checkProxy(AppTemplate app, Plan plan, String id, Mode mode) throws Fault {
        if (!mode.proxied() && !app.info().isProxy()) {
            return;
        }
        String service = app.info().webUi().service();
        ContainerSpec spec = plan.container(service);
        InspectContainerResponse web = server.docker().containers(Plan.LABEL_DEPLOYMENT + "=" + id).stream()
                .filter(c -> service.equals(c.getLabels().get(Plan.LABEL_SERVICE))).findFirst()
                .map(c -> server.docker().client().inspectContainerCmd(c.getId()).exec())
                .orElseThrow(() -> new Fault(SweepOutcome.WRONG_LABELS, "no container for " + service));
        Map<String, String> labels = web.getConfig().getLabels();
        String router = "traefik.http.routers." + app.id();
        List<String> wrong = new ArrayList<>();
        if (mode.proxied() && !"true".equals(labels.get("traefik.enable"))) {
            wrong.add("traefik.enable");
        }
        if (mode.proxied() && labels.get(router + ".rule") == null) {
            wrong.add(router + ".rule");
        }
        if (mode.proxied() && "https".equals(app.info().webUi().scheme())
                && !ProxyRules.SKIP_VERIFY_TRANSPORT.equals(
                        labels.get("traefik.http.services." + app.id() + ".loadbalancer.serverstransport"))) {
            wrong.add("serverstransport");
        }
        if (mode instanceof Mode.Authelia && !"authelia@docker".equals(labels.get(router + ".middlewares"))) {
            wrong.add(router + ".middlewares");
        }
        if (spec.networkMode() == null && !web.getNetworkSettings().getNetworks().containsKey(network)) {
            wrong.add("network " + network);
        }
        if (!wrong.isEmpty()) {
            throw new Fault(SweepOutcome.WRONG_LABELS, web.getName().substring(1) + " lacks " + wrong);
        }
    }

    /** The complete event names the host port the plan publishes the web UI on (none behind Traefik). */
    private void checkWebPort(Plan plan, JsonNode record) throws Fault {
        for (JsonNode event : record.path("events")) {
            if ("complete".equals(event.path("type").asText())) {
                Integer port = event.path("webPort").isNumber() ? event.get("webPort").asInt() : null;
                if (!java.util.Objects.equals(port, plan.webPort())) {
                    throw new Fault(SweepOutcome.WRONG_PORTS, "complete event says web port " + port + ", the plan "
                            + plan.webPort());
                }
            }
        }
    }

    /** Undeploys (volumes too) and checks that nothing labelled with the deployment is left. */
    private Fault undeploy(AppTemplate app, String id, boolean deployed) {
        Http.Response r = server.delete("/applications/" + app.id() + "?removeVolumes=true", server.token());
        if (r.status() >= 500) {
            return new Fault(SweepOutcome.SERVER_ERROR, "undeploy answered " + r.status() + ": " + r.body());
        }
        if (deployed && r.status() != 200) {
            return new Fault(SweepOutcome.LEFTOVER, "undeploy answered " + r.status() + ": " + r.body());
        }
        String label = Plan.LABEL_DEPLOYMENT + "=" + id;
        if (!deployed) {
            // a rollback keeps named volumes on purpose (data is never deleted by a failure): the sweep removes them
            server.docker().volumes(label).forEach(v -> server.docker().client().removeVolumeCmd(v.getName()).exec());
        }
        List<String> left = new ArrayList<>();
        server.docker().containers(label).forEach(c -> left.add("container " + c.getNames()[0]));
        server.docker().networks(label).forEach(n -> left.add("network " + n.getName()));
        server.docker().volumes(label).forEach(v -> left.add("volume " + v.getName()));
        return left.isEmpty() ? null : new Fault(SweepOutcome.LEFTOVER, String.join(", ", left));
    }

    /** Removes whatever a failed check left behind, so one fault does not spill into the next run. */
    void cleanup() {
        for (String id : deployments) {
            String label = Plan.LABEL_DEPLOYMENT + "=" + id;
            server.docker().containers(label).forEach(c -> server.docker().client().removeContainerCmd(c.getId()).withForce(true).exec());
            server.docker().networks(label).forEach(n -> server.docker().client().removeNetworkCmd(n.getId()).exec());
            server.docker().volumes(label).forEach(v -> server.docker().client().removeVolumeCmd(v.getName()).exec());
        }
    }

    /** Settings a user would give: every port free, every path in the sweep's folder, required ones filled in. */
    private Map<String, Object> config(AppTemplate app) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("APPFOLDER", root.resolve("appdata").toString());
        config.put("DOMAIN", "sweep.example.com");
        for (Setting s : app.info().settings()) {
            switch (s.type()) {
                case PORT -> config.put(s.key(), Integer.toString(freePort()));
                // under the app folder, where missing folders are made; elsewhere they must exist (as a user's would)
                case PATH -> config.put(s.key(), root.resolve("appdata").resolve("paths").resolve(app.id())
                        .resolve(s.key().toLowerCase(Locale.ROOT)).toString());
                default -> {
                    if (s.required() && (s.defaultValue() == null || s.defaultValue().isEmpty())) {
                        config.put(s.key(), switch (s.type()) {
                            case NUMBER -> "1";
                            case BOOLEAN -> "true";
                            case TIMEZONE -> "Etc/UTC";
                            case DURATION -> "1h";
                            case HOSTNAME -> "sweep.local";
                            case SECRET -> "Sweep-Secret-4711";
                            default -> "sweep";
                        });
                    }
                }
            }
        }
        return config;
    }

    private int freePort() {
        while (true) {
            int port = nextPort.getAndIncrement();
            if (port > 29999) {
                throw new IllegalStateException("no free ports left in 21000-29999");
            }
            try (ServerSocket tcp = new ServerSocket(port); DatagramSocket udp = new DatagramSocket(port)) {
                return port;
            } catch (IOException taken) {
                // next one
            }
        }
    }

    private static String body(String appId, Map<String, Object> config, String mode) {
        try {
            return JSON.writeValueAsString(Map.of("appId", appId, "config", config, "mode", Map.of("type", mode)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
