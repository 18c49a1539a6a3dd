package homelabarr.catalog;

import homelabarr.catalog.ComposeModel.DeviceMapping;
import homelabarr.catalog.ComposeModel.HealthCheck;
import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.catalog.ComposeModel.Service;
import homelabarr.catalog.ComposeModel.VolumeMount;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static homelabarr.catalog.ComposeValues.bool;
import static homelabarr.catalog.ComposeValues.bytes;
import static homelabarr.catalog.ComposeValues.duration;
import static homelabarr.catalog.ComposeValues.stringMap;
import static homelabarr.catalog.ComposeValues.strings;
import static homelabarr.catalog.ComposeValues.text;

/** One compose service. Fields outside {@link #SUPPORTED} are refused so nothing is silently dropped. */
final class ServiceParser {
    static final Set<String> SUPPORTED = Set.of("image", "command", "entrypoint", "environment", "ports", "expose",
            "volumes", "labels", "healthcheck", "depends_on", "networks", "network_mode", "cap_add", "cap_drop",
            "devices", "privileged", "restart", "user", "working_dir", "hostname", "container_name", "extra_hosts",
            "dns", "security_opt", "sysctls", "tmpfs", "group_add", "shm_size", "mem_limit", "cpus", "init", "tty",
            "stdin_open", "read_only", "stop_grace_period", "stop_signal", "deploy", "logging", "pid");

    Service parse(String name, Map<?, ?> def) throws TemplateException {
        String at = "services." + name;
        for (Object key : def.keySet()) {
            if (!SUPPORTED.contains(String.valueOf(key))) {
                throw new TemplateException(at + ": field '" + key + "' is not supported by HomelabARR");
            }
        }
        String image = text(def.get("image"), at + ".image");
        if (image == null || image.isBlank()) {
            throw new TemplateException(at + ".image: every service needs an image");
        }
        Map<String, Object> deploy = deploySection(def.get("deploy"), at + ".deploy");
        return new Service(name, image.strip(),
                strings(def.get("command"), at + ".command", true),
                strings(def.get("entrypoint"), at + ".entrypoint", true),
                stringMap(def.get("environment"), at + ".environment"),
                ports(def.get("ports"), at + ".ports"),
                expose(def.get("expose"), at + ".expose"),
                volumes(def.get("volumes"), at + ".volumes"),
                stringMap(def.get("labels"), at + ".labels"),
                healthcheck(def.get("healthcheck"), at + ".healthcheck"),
                dependsOn(def.get("depends_on"), at + ".depends_on"),
                networks(def.get("networks"), at + ".networks"),
                text(def.get("network_mode"), at + ".network_mode"),
                text(def.get("pid"), at + ".pid"),
                listOrEmpty(def.get("cap_add"), at + ".cap_add"),
                listOrEmpty(def.get("cap_drop"), at + ".cap_drop"),
                devices(def.get("devices"), at + ".devices"),
                bool(def.get("privileged"), at + ".privileged"),
                (Boolean) deploy.get("gpu"),
                text(def.get("restart"), at + ".restart"),
                text(def.get("user"), at + ".user"),
                text(def.get("working_dir"), at + ".working_dir"),
                text(def.get("hostname"), at + ".hostname"),
                text(def.get("container_name"), at + ".container_name"),
                listOrEmpty(def.get("extra_hosts"), at + ".extra_hosts"),
                listOrEmpty(def.get("dns"), at + ".dns"),
                listOrEmpty(def.get("security_opt"), at + ".security_opt"),
                stringMap(def.get("sysctls"), at + ".sysctls"),
                tmpfs(def.get("tmpfs"), at + ".tmpfs"),
                listOrEmpty(def.get("group_add"), at + ".group_add"),
                bytes(def.get("shm_size"), at + ".shm_size"),
                def.get("mem_limit") != null ? bytes(def.get("mem_limit"), at + ".mem_limit") : (Long) deploy.get("memory"),
                def.get("cpus") != null ? cpus(def.get("cpus"), at + ".cpus") : (Double) deploy.get("cpus"),
                def.get("init") == null ? null : bool(def.get("init"), at + ".init"),
                bool(def.get("tty"), at + ".tty"),
                bool(def.get("stdin_open"), at + ".stdin_open"),
                bool(def.get("read_only"), at + ".read_only"),
                duration(def.get("stop_grace_period"), at + ".stop_grace_period"),
                text(def.get("stop_signal"), at + ".stop_signal"),
                SwarmSection.parse(ComposeValues.map(def.get("deploy"), at + ".deploy"), at + ".deploy"));
    }

    private static List<String> listOrEmpty(Object node, String where) throws TemplateException {
        List<String> values = strings(node, where, false);
        return values == null ? List.of() : values;
    }

    private static List<PortMapping> ports(Object node, String where) throws TemplateException {
        List<PortMapping> out = new ArrayList<>();
        List<?> entries = list(node, where);
        for (int i = 0; i < entries.size(); i++) {
            out.addAll(PortSyntax.parse(entries.get(i), where + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    private static List<Integer> expose(Object node, String where) throws TemplateException {
        List<Integer> out = new ArrayList<>();
        List<?> entries = list(node, where);
        for (int i = 0; i < entries.size(); i++) {
            String text = text(entries.get(i), where + "[" + i + "]");
            out.add(PortSyntax.port(text.replaceFirst("/(tcp|udp)$", ""), where + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    private static List<VolumeMount> volumes(Object node, String where) throws TemplateException {
        List<VolumeMount> out = new ArrayList<>();
        List<?> entries = list(node, where);
        for (int i = 0; i < entries.size(); i++) {
            out.add(VolumeSyntax.parse(entries.get(i), where + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    private static List<DeviceMapping> devices(Object node, String where) throws TemplateException {
        List<DeviceMapping> out = new ArrayList<>();
        for (String entry : listOrEmpty(node, where)) {
            String[] parts = entry.split(":");
            if (parts.length > 3 || !parts[0].startsWith("/")) {
                throw new TemplateException(where + ": '" + entry + "' is not HOST_DEVICE[:CONTAINER_DEVICE[:rwm]]");
            }
            out.add(new DeviceMapping(parts[0], parts.length > 1 ? parts[1] : parts[0], parts.length > 2 ? parts[2] : "rwm"));
        }
        return List.copyOf(out);
    }

    private static HealthCheck healthcheck(Object node, String where) throws TemplateException {
        if (node == null) {
            return null;
        }
        Map<?, ?> def = ComposeValues.map(node, where);
        ComposeParser.only(def, where, "test", "interval", "timeout", "retries", "start_period", "start_interval", "disable");
        if (bool(def.get("disable"), where + ".disable")) {
            return new HealthCheck(List.of("NONE"), null, null, null, null, true);
        }
        Object test = def.get("test");
        List<String> command = test instanceof List<?> ? strings(test, where + ".test", false)
                : test == null ? null : List.of("CMD-SHELL", text(test, where + ".test"));
        if (command == null || command.isEmpty()) {
            throw new TemplateException(where + ".test: a healthcheck needs a test command");
        }
        if (!List.of("CMD", "CMD-SHELL", "NONE").contains(command.getFirst())) {
            throw new TemplateException(where + ".test: a list must start with CMD, CMD-SHELL or NONE");
        }
        return new HealthCheck(command, duration(def.get("interval"), where + ".interval"),
                duration(def.get("timeout"), where + ".timeout"), duration(def.get("start_period"), where + ".start_period"),
                def.get("retries") == null ? null : ComposeValues.integer(def.get("retries"), where + ".retries"), false);
    }

    /** Service name → condition (service_started, service_healthy, service_completed_successfully). */
    private static Map<String, String> dependsOn(Object node, String where) throws TemplateException {
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String service = text(e.getKey(), where);
                Map<?, ?> def = ComposeValues.map(e.getValue(), where + "." + service);
                String condition = text(def.get("condition"), where + "." + service + ".condition");
                condition = condition == null ? "service_started" : condition;
                if (!List.of("service_started", "service_healthy", "service_completed_successfully").contains(condition)) {
                    throw new TemplateException(where + "." + service + ".condition: unknown condition '" + condition + "'");
                }
                out.put(service, condition);
            }
            return out;
        }
        for (String service : listOrEmpty(node, where)) {
            out.put(service, "service_started");
        }
        return out;
    }

    private static List<String> networks(Object node, String where) throws TemplateException {
        if (node instanceof Map<?, ?> map) {
            List<String> out = new ArrayList<>();
            for (Object key : map.keySet()) {
                out.add(text(key, where));
            }
            return List.copyOf(out);
        }
        return listOrEmpty(node, where);
    }

    private static Map<String, String> tmpfs(Object node, String where) throws TemplateException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : listOrEmpty(node, where)) {
            int colon = entry.indexOf(':');
            out.put(colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? "" : entry.substring(colon + 1));
        }
        return out;
    }

    private static Double cpus(Object node, String where) throws TemplateException {
        try {
            return Double.parseDouble(text(node, where));
        } catch (NumberFormatException e) {
            throw new TemplateException(where + ": expected a number of CPUs such as 1.5");
        }
    }

    private static List<?> list(Object node, String where) throws TemplateException {
        if (node == null) {
            return List.of();
        }
        if (node instanceof List<?> list) {
            return list;
        }
        throw new TemplateException(where + ": expected a list");
    }

    /** Reads {@code deploy.resources}: limits (cpus, memory) and an NVIDIA GPU reservation. */
    private static Map<String, Object> deploySection(Object node, String where) throws TemplateException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gpu", false);
        Map<?, ?> deploy = ComposeValues.map(node, where);
        ComposeParser.only(deploy, where, "resources", "restart_policy", "replicas", "placement", "update_config");
        Map<?, ?> resources = ComposeValues.map(deploy.get("resources"), where + ".resources");
        ComposeParser.only(resources, where + ".resources", "limits", "reservations");
        Map<?, ?> limits = ComposeValues.map(resources.get("limits"), where + ".resources.limits");
        if (limits.get("cpus") != null) {
            out.put("cpus", cpus(limits.get("cpus"), where + ".resources.limits.cpus"));
        }
        if (limits.get("memory") != null) {
            out.put("memory", bytes(limits.get("memory"), where + ".resources.limits.memory"));
        }
        Map<?, ?> reservations = ComposeValues.map(resources.get("reservations"), where + ".resources.reservations");
        for (Object device : list(reservations.get("devices"), where + ".resources.reservations.devices")) {
            Map<?, ?> d = ComposeValues.map(device, where + ".resources.reservations.devices");
            List<String> capabilities = listOrEmpty(d.get("capabilities"), where + ".resources.reservations.devices.capabilities");
            if (capabilities.contains("gpu")) {
                out.put("gpu", true);
            }
        }
        return out;
    }
}
