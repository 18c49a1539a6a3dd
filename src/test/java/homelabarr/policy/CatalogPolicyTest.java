package homelabarr.policy;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.BuiltinTemplates;
import homelabarr.catalog.TemplateParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The deploy policy over the built-in catalog with default settings: who may deploy what out of the box. */
class CatalogPolicyTest {
    private static final Map<String, Assessment> BY_APP = new TreeMap<>();

    @BeforeAll
    static void assess() throws Exception {
        BuiltinTemplates.Loaded loaded = new BuiltinTemplates().loadFrom(Path.of("catalog"), new TemplateParser());
        for (AppTemplate app : loaded.apps()) {
            BY_APP.put(app.id(), new PolicyCheck(PolicySettings.DEFAULTS, new HostPaths(false)).run(Workloads.of(app.defaults())));
        }
        BY_APP.forEach((id, a) -> {
            if (a.adminOnly()) {
                System.out.println("admin only: " + id + " -> " + a.reasons());
            }
        });
        System.out.println("admin only: " + BY_APP.values().stream().filter(Assessment::adminOnly).count() + " of " + BY_APP.size());
    }

    @Test
    void placeholder() {
        assertThat(BY_APP).isNotEmpty();
    }
}
