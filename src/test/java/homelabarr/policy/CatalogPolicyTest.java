package homelabarr.policy;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.BuiltinTemplates;
import homelabarr.catalog.TemplateParser;
import homelabarr.host.HostFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The deploy policy over the built-in catalog with default settings: who may deploy what out of the box. */
class CatalogPolicyTest {
    private static final Map<String, Assessment> BY_APP = new TreeMap<>();
    private static final Map<String, AppTemplate> APPS = new TreeMap<>();

    @BeforeAll
    static void assess() throws Exception {
        BuiltinTemplates.Loaded loaded = new BuiltinTemplates().loadFrom(Path.of("catalog"), new TemplateParser());
        for (AppTemplate app : loaded.apps()) {
            APPS.put(app.id(), app);
            BY_APP.put(app.id(), new PolicyCheck(PolicySettings.DEFAULTS, HostFile::asWritten).run(Workloads.of(app.defaults())));
        }
        BY_APP.forEach((id, a) -> {
            if (a.adminOnly()) {
                System.out.println("admin only: " + id + " -> " + a.reasons());
            }
        });
        System.out.println("admin only: " + BY_APP.values().stream().filter(Assessment::adminOnly).count() + " of " + BY_APP.size());
    }

    @Test
    void everyDeclaredHostLevelRiskKeepsTheAppForAdmins() {
        APPS.forEach((id, app) -> {
            var risk = app.info().risk();
            if (risk.dockerSocket() || risk.privileged() || risk.hostNetwork() || risk.devices()) {
                assertThat(BY_APP.get(id).adminOnly()).as(id + " declares " + risk).isTrue();
            }
        });
        assertThat(BY_APP.get("system-portainer").findings()).extracting(Finding::rule).contains("docker-socket");
        assertThat(BY_APP.get("monitoring-node-exporter").findings()).extracting(Finding::rule)
                .contains("system-path", "host-pid", "host-network");
    }

    @Test
    void ordinaryMediaAppsAreOpenToUsers() {
        for (String id : new String[] {"media-servers-plex", "media-servers-jellyfin", "media-management-sonarr",
                "media-management-radarr", "downloads-sabnzbd", "photos-immich", "downloads-qbittorrent",
                "system-cloudcmd"}) {
            assertThat(BY_APP.get(id).reasons()).as(id).isEmpty();
        }
    }
}
