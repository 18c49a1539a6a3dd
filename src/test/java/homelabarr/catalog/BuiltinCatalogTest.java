package homelabarr.catalog;

import homelabarr.catalog.ComposeModel.PortMapping;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every built-in template loads, follows the catalog's rules, and the catalog is as large as promised. */
class BuiltinCatalogTest {
    private static BuiltinTemplates.Loaded loaded;

    @BeforeAll
    static void load() throws Exception {
        loaded = new BuiltinTemplates().loadFrom(Path.of("catalog"), new TemplateParser());
    }

    @Test
    void everyTemplateLoads() {
        assertThat(loaded.errors()).as("templates that failed to load").isEmpty();
    }

    @Test
    void atLeast230AppsInAtLeast12Categories() {
        Map<String, Long> byCategory = loaded.apps().stream()
                .collect(Collectors.groupingBy(AppTemplate::category, TreeMap::new, Collectors.counting()));
        System.out.println("Catalog: " + loaded.apps().size() + " apps " + byCategory);
        assertThat(loaded.apps()).hasSizeGreaterThanOrEqualTo(230);
        assertThat(byCategory).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void idsAreUniqueAndShapedCategoryDashName() {
        Set<String> ids = new HashSet<>();
        for (AppTemplate app : loaded.apps()) {
            assertThat(ids.add(app.id())).as("duplicate id " + app.id()).isTrue();
            assertThat(app.id()).startsWith(app.category() + "-");
        }
    }

    @Test
    void theContractSampleIsThere() {
        AppTemplate plex = loaded.apps().stream().filter(a -> a.id().equals("media-servers-plex")).findFirst().orElseThrow();
        assertThat(plex.info().name()).isEqualTo("Plex");
        assertThat(plex.mainService().image()).isEqualTo("lscr.io/linuxserver/plex:latest");
    }

    @Test
    void everyAppFromTheFactsFileIsCoveredOrExplained() throws Exception {
        Set<String> expected = java.nio.file.Files.readAllLines(Path.of("src/test/resources/catalog-facts.tsv")).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("id\t") && !l.isBlank())
                .map(l -> l.split("\t")[0]).collect(Collectors.toSet());
        Set<String> ids = loaded.apps().stream().map(AppTemplate::id).collect(Collectors.toSet());
        // No server image exists for these two desktop apps: see docs/catalog.md.
        Set<String> withoutServerImage = Set.of("ai-gpt4all", "ai-jan");
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(ids);
        assertThat(missing).containsExactlyInAnyOrderElementsOf(withoutServerImage);
    }

    @Test
    void everyImageReferenceParses() throws Exception {
        for (AppTemplate app : loaded.apps()) {
            for (ComposeModel.Service s : app.defaults().services().values()) {
                assertThat(ImageRef.parse(s.image()).tag() != null || ImageRef.parse(s.image()).digest() != null)
                        .as(app.id() + " " + s.image()).isTrue();
            }
        }
    }

    @Test
    void everyWebUiIsPublishedWithDefaultSettings() {
        for (AppTemplate app : loaded.apps()) {
            if (app.info().webUi() != null) {
                assertThat(app.defaultWebPort()).as(app.id() + " web port").isNotNull();
            }
        }
    }

    @Test
    void noTwoAppsClaimTheSameDefaultHostPortUnlessTheyListEachOther() {
        Map<String, List<String>> claims = new HashMap<>();
        for (AppTemplate app : loaded.apps()) {
            Set<String> mine = new HashSet<>();
            for (ComposeModel.Service s : app.defaults().services().values()) {
                for (PortMapping p : s.ports()) {
                    if (p.hostPort() != null) {
                        mine.add(p.hostPort() + "/" + p.protocol());
                    }
                }
                if ("host".equals(s.networkMode()) && app.info().webUi() != null) {
                    mine.add(app.info().webUi().port() + "/tcp");
                }
            }
            mine.forEach(port -> claims.computeIfAbsent(port, k -> new java.util.ArrayList<>()).add(app.id()));
        }
        Map<String, AppTemplate> byId = loaded.apps().stream().collect(Collectors.toMap(AppTemplate::id, a -> a));
        claims.forEach((port, apps) -> {
            for (String a : apps) {
                for (String b : apps) {
                    if (!a.equals(b)) {
                        boolean documented = byId.get(a).info().conflicts().contains(b) || byId.get(b).info().conflicts().contains(a);
                        assertThat(documented).as(a + " and " + b + " both default to host port " + port).isTrue();
                    }
                }
            }
        });
    }

    @Test
    void riskFlagsAreDeclaredForWhatTheServicesDo() {
        for (AppTemplate app : loaded.apps()) {
            assertThat(app.info().risk()).as(app.id()).isEqualTo(TemplateRules.derive(app.defaults()));
        }
    }
}
