package homelabarr.catalog;

import homelabarr.catalog.AppInfo.Risk;
import homelabarr.catalog.ComposeModel.ComposeFile;
import homelabarr.catalog.ComposeModel.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The rules a template must follow beyond being valid compose (see docs/templates.md). */
final class TemplateRules {
    private TemplateRules() {
    }

    static void checkInfo(AppInfo info, String category, boolean custom) throws TemplateException {
        require(info.name(), "name");
        require(info.description(), "description");
        require(info.category(), "category");
        require(info.icon(), "icon");
        require(info.website(), "website");
        if (info.description().length() > 160) {
            throw new TemplateException("x-homelabarr.description: at most 160 characters (one line)");
        }
        if (!info.category().equals(category)) {
            throw new TemplateException("x-homelabarr.category: '" + info.category() + "' must match the folder '" + category + "'");
        }
        if (!info.icon().matches("[a-z0-9-]+")) {
            throw new TemplateException("x-homelabarr.icon: use a slug of lowercase letters, digits and '-'");
        }
        if (!info.website().matches("https?://\\S+")) {
            throw new TemplateException("x-homelabarr.website: must be an http(s) URL");
        }
        if (info.webUi() != null && info.webUi().portSetting() == null
                && (info.webUi().port() < 1 || info.webUi().port() > 65535)) {
            throw new TemplateException("x-homelabarr.webUi.port: must be a port number");
        }
        if (info.provides() != null && !info.isProxy() && !info.isForwardAuth()) {
            throw new TemplateException("x-homelabarr.provides: must be " + AppInfo.PROXY + " or " + AppInfo.FORWARD_AUTH);
        }
        if (info.webUi() != null && !java.util.List.of("http", "https").contains(info.webUi().scheme())) {
            throw new TemplateException("x-homelabarr.webUi.scheme: must be http or https");
        }
        Set<String> keys = new HashSet<>();
        for (Setting s : info.settings()) {
            String at = "x-homelabarr.settings." + s.key();
            if (s.key() == null || !s.key().matches("[A-Z][A-Z0-9_]*")) {
                throw new TemplateException("x-homelabarr.settings: key '" + s.key() + "' must be UPPER_SNAKE_CASE");
            }
            if (StandardSettings.BY_KEY.containsKey(s.key())) {
                throw new TemplateException(at + ": is a standard setting; use it without declaring it");
            }
            if (ServerValues.DEFAULTS.containsKey(s.key())) {
                throw new TemplateException(at + ": is set by the server's configuration; use it without declaring it");
            }
            if (!keys.add(s.key())) {
                throw new TemplateException(at + ": declared twice");
            }
            require(s.label(), "settings." + s.key() + ".label");
            if (s.type() == null) {
                throw new TemplateException(at + ".type: is required");
            }
            if (s.generate() && !s.secret()) {
                throw new TemplateException(at + ".generate: only secrets can be generated");
            }
            if (s.format() != null && (!s.secret() || !java.util.List.of(Setting.HEX, Setting.BASE64).contains(s.format()))) {
                throw new TemplateException(at + ".format: only a secret has a format, " + Setting.HEX + " or " + Setting.BASE64);
            }
            if (s.defaultValue() != null && !s.defaultValue().isEmpty()) {
                String problem = SettingValues.problem(s.type(), s.defaultValue());
                if (problem != null) {
                    throw new TemplateException(at + ".default: " + problem);
                }
            }
        }
        for (String conflict : info.conflicts()) {
            if (!conflict.matches("[a-z0-9-]+")) {
                throw new TemplateException("x-homelabarr.conflicts: '" + conflict + "' is not an app id");
            }
        }
    }

    /** Every variable used is declared or standard; every declared setting is used. */
    static void checkVariables(AppInfo info, Object composeTree) throws TemplateException {
        Set<String> used;
        try {
            used = Variables.references(composeTree);
        } catch (Variables.VariableException e) {
            throw new TemplateException(e.getMessage());
        }
        Set<String> declared = new HashSet<>(StandardSettings.BY_KEY.keySet());
        declared.addAll(ServerValues.DEFAULTS.keySet());
        info.settings().forEach(s -> declared.add(s.key()));
        for (String name : used) {
            if (!declared.contains(name)) {
                throw new TemplateException("${" + name + "} is used but not declared under x-homelabarr.settings");
            }
        }
        for (Setting s : info.settings()) {
            if (!used.contains(s.key())) {
                throw new TemplateException("x-homelabarr.settings." + s.key() + ": declared but never used");
            }
        }
    }

    /** Linux capabilities by name (capabilities(7)). */
    static final Set<String> CAPABILITIES = Set.of("ALL", "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND",
            "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK",
            "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN",
            "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
            "SYSLOG", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE",
            "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM");

    /**
     * What the engine would refuse only when the container is created: an unknown restart policy or capability.
     * Checked on the rendered services, so a deployment never fails half-way for a spelling mistake.
     */
    static void checkEngineValues(ComposeFile file) throws TemplateException {
        for (Service s : file.services().values()) {
            if (s.restart() != null && !s.restart().matches("no|always|unless-stopped|on-failure(:\\d{1,4})?")) {
                throw new TemplateException("services." + s.name() + ".restart: '" + s.restart()
                        + "' is not a restart policy (no, always, unless-stopped, on-failure[:N])");
            }
            for (String cap : concat(s.capAdd(), s.capDrop())) {
                if (!CAPABILITIES.contains(cap.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", ""))) {
                    throw new TemplateException("services." + s.name() + ": '" + cap + "' is not a Linux capability");
                }
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** No setting of a type that admits shell syntax is spliced into a script the container runs. */
    static void checkScripts(AppInfo info, Map<String, Object> composeTree) throws TemplateException {
        Map<String, SettingType> types = new HashMap<>();
        StandardSettings.ALL.forEach(s -> types.put(s.key(), s.type()));
        info.settings().forEach(s -> types.put(s.key(), s.type()));
        if (composeTree.get("services") instanceof Map<?, ?> services) {
            for (Map.Entry<?, ?> e : services.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> definition) {
                    ShellScripts.check(String.valueOf(e.getKey()), definition, types);
                }
            }
        }
    }

    /** Built-in templates must declare exactly what they do; custom ones without a risk block get it derived. */
    static AppInfo checkRisk(AppInfo info, ComposeFile file, boolean custom) throws TemplateException {
        Risk actual = derive(file);
        if (info.risk().equals(actual)) {
            return info;
        }
        if (custom && !info.risk().any()) {
            return info.with(info.webUi(), actual);
        }
        throw new TemplateException("x-homelabarr.risk: declared " + info.risk() + " but the services need " + actual);
    }

    static Risk derive(ComposeFile file) {
        boolean socket = false, privileged = false, host = false, devices = false, gpu = false;
        for (Service s : file.services().values()) {
            socket |= s.volumes().stream().anyMatch(ComposeModel.VolumeMount::mountsDockerSocket);
            privileged |= s.privileged();
            host |= "host".equals(s.networkMode());
            devices |= !s.devices().isEmpty();
            gpu |= s.gpu();
        }
        return new Risk(socket, privileged, host, devices, gpu);
    }

    /** A web port written as ${KEY} names a port setting with a default, and takes that default. */
    static AppInfo resolveWebPort(AppInfo info) throws TemplateException {
        if (info.webUi() == null || info.webUi().portSetting() == null) {
            return info;
        }
        String key = info.webUi().portSetting();
        Setting setting = info.settings().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow(() ->
                new TemplateException("x-homelabarr.webUi.port: ${" + key + "} is not a setting of this template"));
        if (setting.type() != SettingType.PORT || setting.defaultValue() == null || setting.defaultValue().isEmpty()) {
            throw new TemplateException("x-homelabarr.webUi.port: ${" + key + "} must be a port setting with a default");
        }
        AppInfo.WebUi web = info.webUi();
        return info.with(new AppInfo.WebUi(web.service(), Integer.parseInt(setting.defaultValue()), web.path(),
                web.scheme(), key), info.risk());
    }

    /** The web UI's service exists and publishes the web port (unless it uses the host's network). */
    static void checkWebUi(AppInfo info, ComposeFile file) throws TemplateException {
        if (info.webUi() == null) {
            return;
        }
        Service web = file.services().get(info.webUi().service());
        if (web == null) {
            throw new TemplateException("x-homelabarr.webUi.service: no service named '" + info.webUi().service() + "'");
        }
        if ("host".equals(web.networkMode())) {
            return;
        }
        if (web.networkMode() != null) {
            throw new TemplateException("x-homelabarr.webUi.service: '" + web.name() + "' uses network_mode "
                    + web.networkMode() + "; name the service that publishes the port");
        }
        boolean published = web.ports().stream()
                .anyMatch(p -> p.containerPort() == info.webUi().port() && p.hostPort() != null);
        if (!published) {
            throw new TemplateException("x-homelabarr.webUi: service '" + web.name() + "' does not publish port "
                    + info.webUi().port());
        }
    }

    private static void require(String value, String field) throws TemplateException {
        if (value == null || value.isBlank()) {
            throw new TemplateException("x-homelabarr." + field + ": is required");
        }
    }
}
