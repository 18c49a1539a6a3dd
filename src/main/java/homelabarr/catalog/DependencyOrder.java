package homelabarr.catalog;

import homelabarr.catalog.ComposeModel.ComposeFile;
import homelabarr.catalog.ComposeModel.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Services ordered so each comes after what it depends on (depends_on and network_mode: service:X). */
public final class DependencyOrder {
    private DependencyOrder() {
    }

    public static List<Service> of(ComposeFile file) throws TemplateException {
        List<Service> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : file.services().keySet()) {
            visit(file, name, done, new LinkedHashSet<>(), ordered);
        }
        return List.copyOf(ordered);
    }

    private static void visit(ComposeFile file, String name, Set<String> done, LinkedHashSet<String> path,
                              List<Service> ordered) throws TemplateException {
        if (done.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new TemplateException("depends_on: services depend on each other in a cycle: "
                    + String.join(" -> ", path) + " -> " + name);
        }
        Service service = file.services().get(name);
        for (String dep : prerequisites(service)) {
            visit(file, dep, done, path, ordered);
        }
        path.remove(name);
        done.add(name);
        ordered.add(service);
    }

    static List<String> prerequisites(Service service) {
        List<String> deps = new ArrayList<>(service.dependsOn().keySet());
        if (service.networkMode() != null && service.networkMode().startsWith("service:")) {
            deps.add(service.networkMode().substring("service:".length()));
        }
        return deps;
    }
}
