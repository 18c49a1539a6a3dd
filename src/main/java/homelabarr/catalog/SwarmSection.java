package homelabarr.catalog;

import homelabarr.catalog.ComposeModel.RestartSettings;
import homelabarr.catalog.ComposeModel.SwarmDeploy;
import homelabarr.catalog.ComposeModel.UpdateSettings;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static homelabarr.catalog.ComposeValues.duration;
import static homelabarr.catalog.ComposeValues.integer;
import static homelabarr.catalog.ComposeValues.map;
import static homelabarr.catalog.ComposeValues.strings;
import static homelabarr.catalog.ComposeValues.text;

/**
 * The swarm part of a service's {@code deploy:} section: replicas, placement constraints, update_config and
 * restart_policy, checked here so a template error is a clear message at load time rather than an engine's 400.
 */
final class SwarmSection {
    /** Swarm's own constraint syntax: an attribute it knows, == or !=, a value. */
    private static final Pattern CONSTRAINT = Pattern.compile(
            "(node\\.(id|hostname|role|platform\\.os|platform\\.arch|labels\\.[A-Za-z0-9._-]+)"
                    + "|engine\\.labels\\.[A-Za-z0-9._-]+)\\s*(==|!=)\\s*[^\\s=!][^=!]*");
    /** A homelab app never needs more; a typo such as 1000 must not start a thousand containers. */
    static final int MAX_REPLICAS = 100;

    private SwarmSection() {
    }

    static SwarmDeploy parse(Map<?, ?> deploy, String where) throws TemplateException {
        Integer replicas = null;
        if (deploy.get("replicas") != null) {
            replicas = integer(deploy.get("replicas"), where + ".replicas");
            if (replicas < 0 || replicas > MAX_REPLICAS) {
                throw new TemplateException(where + ".replicas: must be between 0 and " + MAX_REPLICAS);
            }
        }
        Map<?, ?> placement = map(deploy.get("placement"), where + ".placement");
        ComposeParser.only(placement, where + ".placement", "constraints");
        List<String> constraints = strings(placement.get("constraints"), where + ".placement.constraints", false);
        constraints = constraints == null ? List.of() : constraints.stream().map(String::strip).toList();
        for (String c : constraints) {
            if (!CONSTRAINT.matcher(c).matches()) {
                throw new TemplateException(where + ".placement.constraints: '" + c + "' is not a Swarm constraint "
                        + "such as node.hostname == nas or node.labels.disk != hdd");
            }
        }
        return new SwarmDeploy(replicas, constraints, update(deploy.get("update_config"), where + ".update_config"),
                restart(deploy.get("restart_policy"), where + ".restart_policy"));
    }

    private static UpdateSettings update(Object node, String where) throws TemplateException {
        if (node == null) {
            return null;
        }
        Map<?, ?> def = map(node, where);
        ComposeParser.only(def, where, "parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order");
        String action = oneOf(def.get("failure_action"), where + ".failure_action", "rollback", "pause", "continue");
        String order = oneOf(def.get("order"), where + ".order", "stop-first", "start-first");
        Integer parallelism = def.get("parallelism") == null ? null : nonNegative(def.get("parallelism"), where + ".parallelism");
        Double ratio = null;
        if (def.get("max_failure_ratio") != null) {
            try {
                ratio = Double.parseDouble(text(def.get("max_failure_ratio"), where + ".max_failure_ratio"));
            } catch (NumberFormatException e) {
                ratio = -1.0;
            }
            if (ratio < 0 || ratio > 1) {
                throw new TemplateException(where + ".max_failure_ratio: must be a number from 0 to 1");
            }
        }
        return new UpdateSettings(parallelism, duration(def.get("delay"), where + ".delay"), action,
                duration(def.get("monitor"), where + ".monitor"), ratio, order);
    }

    private static RestartSettings restart(Object node, String where) throws TemplateException {
        if (node == null) {
            return null;
        }
        Map<?, ?> def = map(node, where);
        ComposeParser.only(def, where, "condition", "delay", "max_attempts", "window");
        return new RestartSettings(oneOf(def.get("condition"), where + ".condition", "none", "on-failure", "any"),
                duration(def.get("delay"), where + ".delay"),
                def.get("max_attempts") == null ? null : nonNegative(def.get("max_attempts"), where + ".max_attempts"),
                duration(def.get("window"), where + ".window"));
    }

    private static String oneOf(Object node, String where, String... allowed) throws TemplateException {
        String value = text(node, where);
        if (value == null) {
            return null;
        }
        if (!List.of(allowed).contains(value.strip())) {
            throw new TemplateException(where + ": must be one of " + String.join(", ", allowed));
        }
        return value.strip();
    }

    private static int nonNegative(Object node, String where) throws TemplateException {
        int value = integer(node, where);
        if (value < 0) {
            throw new TemplateException(where + ": must not be negative");
        }
        return value;
    }
}
