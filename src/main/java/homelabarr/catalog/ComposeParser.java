package homelabarr.catalog;

import homelabarr.catalog.ComposeModel.ComposeFile;
import homelabarr.catalog.ComposeModel.NamedNetwork;
import homelabarr.catalog.ComposeModel.NamedVolume;
import homelabarr.catalog.ComposeModel.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the (already interpolated) YAML tree of a compose file into {@link ComposeFile}. */
public final class ComposeParser {
    private static final Set<String> TOP_LEVEL = Set.of("services", "volumes", "networks", "version", "name");

    public ComposeFile parse(Map<String, Object> tree) throws TemplateException {
        for (String key : tree.keySet()) {
            if (!TOP_LEVEL.contains(key) && !key.startsWith("x-")) {
                throw new TemplateException("unsupported top-level field '" + key + "'");
            }
        }
        Map<?, ?> services = ComposeValues.map(tree.get("services"), "services");
        if (services.isEmpty()) {
            throw new TemplateException("services: at least one service is required");
        }
        Map<String, Service> parsed = new LinkedHashMap<>();
        ServiceParser serviceParser = new ServiceParser();
        for (Map.Entry<?, ?> e : services.entrySet()) {
            String name = ComposeValues.text(e.getKey(), "services");
            if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}")) {
                throw new TemplateException("services: '" + name + "' is not a valid service name");
            }
            parsed.put(name, serviceParser.parse(name, ComposeValues.map(e.getValue(), "services." + name)));
        }
        ComposeFile file = new ComposeFile(parsed, volumes(tree.get("volumes")), networks(tree.get("networks")));
        TemplateRules.checkEngineValues(file);
        checkReferences(file);
        return file;
    }

    private static Map<String, NamedVolume> volumes(Object node) throws TemplateException {
        Map<String, NamedVolume> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ComposeValues.map(node, "volumes").entrySet()) {
            String name = ComposeValues.text(e.getKey(), "volumes");
            String where = "volumes." + name;
            Map<?, ?> def = ComposeValues.map(e.getValue(), where);
            only(def, where, "name", "external", "driver", "driver_opts", "labels");
            out.put(name, new NamedVolume(ComposeValues.text(def.get("name"), where + ".name"),
                    ComposeValues.bool(def.get("external"), where + ".external"),
                    ComposeValues.text(def.get("driver"), where + ".driver"),
                    ComposeValues.stringMap(def.get("driver_opts"), where + ".driver_opts"),
                    ComposeValues.stringMap(def.get("labels"), where + ".labels")));
        }
        return out;
    }

    private static Map<String, NamedNetwork> networks(Object node) throws TemplateException {
        Map<String, NamedNetwork> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ComposeValues.map(node, "networks").entrySet()) {
            String name = ComposeValues.text(e.getKey(), "networks");
            String where = "networks." + name;
            Map<?, ?> def = ComposeValues.map(e.getValue(), where);
            only(def, where, "name", "external", "driver", "labels", "internal", "attachable");
            out.put(name, new NamedNetwork(ComposeValues.text(def.get("name"), where + ".name"),
                    ComposeValues.bool(def.get("external"), where + ".external"),
                    ComposeValues.text(def.get("driver"), where + ".driver"),
                    ComposeValues.stringMap(def.get("labels"), where + ".labels")));
        }
        return out;
    }

    static void only(Map<?, ?> map, String where, String... allowed) throws TemplateException {
        List<String> names = List.of(allowed);
        for (Object key : map.keySet()) {
            if (!names.contains(String.valueOf(key))) {
                throw new TemplateException(where + ": unsupported field '" + key + "'");
            }
        }
    }

    /** Every service, volume and network a service names must exist in the file. */
    private static void checkReferences(ComposeFile file) throws TemplateException {
        for (Service s : file.services().values()) {
            for (String dep : s.dependsOn().keySet()) {
                if (!file.services().containsKey(dep)) {
                    throw new TemplateException("services." + s.name() + ".depends_on: no service named '" + dep + "'");
                }
            }
            for (String net : s.networks()) {
                if (!net.equals("default") && !file.networks().containsKey(net)) {
                    throw new TemplateException("services." + s.name() + ".networks: '" + net + "' is not declared under networks");
                }
            }
            for (ComposeModel.VolumeMount v : s.volumes()) {
                if (v.type() == ComposeModel.MountType.VOLUME && v.source() != null && !file.volumes().containsKey(v.source())) {
                    throw new TemplateException("services." + s.name() + ".volumes: '" + v.source() + "' is not declared under volumes");
                }
            }
            if (s.networkMode() != null && s.networkMode().startsWith("service:")
                    && !file.services().containsKey(s.networkMode().substring(8))) {
                throw new TemplateException("services." + s.name() + ".network_mode: no service named '"
                        + s.networkMode().substring(8) + "'");
            }
        }
        DependencyOrder.of(file);
    }
}
