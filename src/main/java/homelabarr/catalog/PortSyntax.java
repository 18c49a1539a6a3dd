package homelabarr.catalog;

import homelabarr.catalog.ComposeModel.PortMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compose port entries: {@code "8080:80"}, {@code "127.0.0.1:53:53/udp"}, ranges, and the long form. */
final class PortSyntax {
    private static final int MAX_RANGE = 100;
    private static final Pattern SHORT = Pattern.compile(
            "(?:(?:\\[?([0-9a-fA-F.:]+?)]?):)??(?:(\\d+)(?:-(\\d+))?:)?(\\d+)(?:-(\\d+))?(?:/(tcp|udp|sctp))?");

    private PortSyntax() {
    }

    static List<PortMapping> parse(Object entry, String where) throws TemplateException {
        if (entry instanceof Map<?, ?> map) {
            return List.of(longForm(map, where));
        }
        String text = ComposeValues.text(entry, where).strip();
        Matcher m = SHORT.matcher(text);
        if (!m.matches()) {
            throw new TemplateException(where + ": '" + text + "' is not a port mapping such as 8080:80 or 53:53/udp");
        }
        String protocol = m.group(6) == null ? "tcp" : m.group(6);
        int containerFrom = port(m.group(4), where);
        int containerTo = m.group(5) == null ? containerFrom : port(m.group(5), where);
        if (m.group(2) == null) {
            return range(null, null, containerFrom, containerTo, protocol, where);
        }
        int hostFrom = port(m.group(2), where);
        int hostTo = m.group(3) == null ? hostFrom + (containerTo - containerFrom) : port(m.group(3), where);
        if (hostTo - hostFrom != containerTo - containerFrom) {
            throw new TemplateException(where + ": host and container port ranges differ in size");
        }
        return range(m.group(1), hostFrom, containerFrom, containerTo, protocol, where);
    }

    private static List<PortMapping> range(String hostIp, Integer hostFrom, int from, int to, String protocol, String where)
            throws TemplateException {
        if (to < from || to - from >= MAX_RANGE) {
            throw new TemplateException(where + ": a port range must ascend and span at most " + MAX_RANGE + " ports");
        }
        List<PortMapping> out = new ArrayList<>();
        for (int i = 0; i <= to - from; i++) {
            out.add(new PortMapping(hostIp, hostFrom == null ? null : hostFrom + i, from + i, protocol));
        }
        return out;
    }

    private static PortMapping longForm(Map<?, ?> map, String where) throws TemplateException {
        for (Object key : map.keySet()) {
            if (!List.of("target", "published", "host_ip", "protocol", "mode", "name", "app_protocol").contains(key)) {
                throw new TemplateException(where + ": unsupported port field '" + key + "'");
            }
        }
        int target = port(ComposeValues.text(map.get("target"), where + ".target"), where + ".target");
        String published = ComposeValues.text(map.get("published"), where + ".published");
        String protocol = ComposeValues.text(map.get("protocol"), where + ".protocol");
        protocol = protocol == null ? "tcp" : protocol.toLowerCase(Locale.ROOT);
        if (!List.of("tcp", "udp", "sctp").contains(protocol)) {
            throw new TemplateException(where + ".protocol: must be tcp, udp or sctp");
        }
        return new PortMapping(ComposeValues.text(map.get("host_ip"), where + ".host_ip"),
                published == null || published.isBlank() ? null : port(published, where + ".published"), target, protocol);
    }

    static int port(String text, String where) throws TemplateException {
        try {
            int port = Integer.parseInt(text == null ? "" : text.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the offending text
        }
        throw new TemplateException(where + ": '" + text + "' is not a port number (1-65535)");
    }
}
