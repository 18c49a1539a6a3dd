package homelabarr.deploy;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.BuiltinTemplates;
import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.catalog.ImageRef;
import homelabarr.catalog.Setting;
import homelabarr.catalog.TemplateParser;
import homelabarr.deploy.Plan.ContainerSpec;
import homelabarr.http.ApiException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every built-in template renders to a valid plan in every mode, with default settings. */
class RenderCatalogTest {
    private static final ProxySettings PROXY = new ProxySettings("proxy", "websecure", "letsencrypt", "authelia@docker");
    private static List<AppTemplate> apps;
    private final SettingsResolver resolver = new SettingsResolver(new SecretGenerator());
    private final Renderer renderer = new Renderer(PROXY);

    @BeforeAll
    static void load() throws Exception {
        apps = new BuiltinTemplates().loadFrom(Path.of("catalog"), new TemplateParser()).apps();
        assertThat(apps).hasSizeGreaterThan(150);
    }

    @Test
    void everyTemplateRendersInStandardMode() {
        for (AppTemplate app : apps) {
            Plan plan = render(app, new Mode.Standard());
            checkCommon(app, plan);
            assertThat(plan.url()).isNull();
            if (app.info().webUi() != null) {
                assertThat(plan.webPort()).as(app.id() + " web port").isNotNull();
                ContainerSpec web = plan.container(app.info().webUi().service());
                if (web.networkMode() == null) {
                    assertThat(web.ports()).as(app.id()).anyMatch(p -> p.containerPort() == app.info().webUi().port()
                            && p.hostPort() != null);
                }
            }
            plan.containers().forEach(c -> assertThat(c.labels().keySet()).as(app.id()).noneMatch(k -> k.startsWith("traefik.")));
        }
    }

    @Test
    void everyTemplateWithAWebUiRendersBehindTraefikAndAuthelia() {
        for (Mode mode : List.of(new Mode.Traefik(), new Mode.Authelia())) {
            for (AppTemplate app : apps) {
                if (app.info().webUi() == null) {
                    assertThatThrownBy(() -> render(app, mode)).isInstanceOf(ApiException.class)
                            .hasMessageContaining("mode.type");
                    continue;
                }
                Plan plan = render(app, mode);
                checkCommon(app, plan);
                ContainerSpec web = plan.container(app.info().webUi().service());
                String router = "traefik.http.routers." + app.id();
                assertThat(web.labels()).as(app.id())
                        .containsEntry("traefik.enable", "true")
                        .containsEntry(router + ".rule", "Host(`" + app.slug() + ".example.com`)")
                        .containsEntry(router + ".entrypoints", "websecure")
                        .containsEntry(router + ".tls.certresolver", "letsencrypt")
                        .containsEntry("traefik.http.services." + app.id() + ".loadbalancer.server.port",
                                Integer.toString(app.info().webUi().port()));
                if (mode instanceof Mode.Authelia) {
                    assertThat(web.labels()).containsEntry(router + ".middlewares", "authelia@docker");
                } else {
                    assertThat(web.labels()).doesNotContainKey(router + ".middlewares");
                }
                assertThat(web.ports()).as(app.id() + " publishes no web port")
                        .noneMatch(p -> p.containerPort() == app.info().webUi().port());
                if (web.networkMode() == null) {
                    assertThat(web.networks()).contains("proxy");
                    assertThat(plan.networks()).anyMatch(n -> n.name().equals("proxy") && n.shared());
                }
                assertThat(plan.url()).isEqualTo("https://" + app.slug() + ".example.com" + app.info().webUi().path());
            }
        }
    }

    private Plan render(AppTemplate app, Mode mode) {
        Map<String, Object> config = new HashMap<>();
        for (Setting s : app.allSettings()) {
            if (s.required() && s.defaultValue() == null) {
                config.put(s.key(), dummy(s));
            }
        }
        config.put("DOMAIN", "example.com");
        ResolvedSettings settings = resolver.resolve(app, config);
        return renderer.render(app, settings, mode, "0123456789abcdef");
    }

    private static void checkCommon(AppTemplate app, Plan plan) {
        assertThat(plan.containers()).as(app.id()).hasSize(app.defaults().services().size());
        assertThat(plan.images()).as(app.id()).isNotEmpty();
        for (ImageRef image : plan.images()) {
            assertThat(image.tag() != null || image.digest() != null).as(app.id() + " " + image).isTrue();
        }
        List<String> order = plan.containers().stream().map(ContainerSpec::service).toList();
        for (ContainerSpec c : plan.containers()) {
            assertThat(c.labels()).as(app.id() + "/" + c.service())
                    .containsEntry("com.docker.compose.project", app.id())
                    .containsEntry("com.docker.compose.service", c.service())
                    .containsEntry("homelabarr.app", app.id())
                    .containsEntry("homelabarr.deployment", "0123456789abcdef");
            c.dependsOn().keySet().forEach(dep -> assertThat(order.indexOf(dep)).as(app.id() + " order")
                    .isLessThan(order.indexOf(c.service())));
            for (PortMapping p : c.ports()) {
                assertThat(p.containerPort()).isBetween(1, 65535);
            }
            ContainerConfig config = ContainerConfig.of(c, plan, FolderRoots.of("/opt/appdata", List.of("/srv")), service -> "id-of-" + service);
            if (c.networkMode() == null) {
                assertThat(config.network()).as(app.id()).isNotNull();
            } else {
                assertThat(config.host().getNetworkMode()).doesNotStartWith("service:");
            }
        }
        plan.networks().stream().filter(n -> !n.shared() && !n.external()).forEach(n -> assertThat(n.labels())
                .containsEntry("com.docker.compose.project", app.id()).containsEntry("homelabarr.deployment", "0123456789abcdef"));
        if (plan.containers().stream().anyMatch(c -> c.networkMode() == null)) {
            assertThat(plan.networks()).as(app.id()).anyMatch(n -> n.name().equals(app.id() + "_default"));
        }
    }

    private static String dummy(Setting s) {
        return switch (s.type()) {
            case NUMBER -> "1";
            case BOOLEAN -> "true";
            case PORT -> "45678";
            case PATH -> "/srv/dummy";
            case TIMEZONE -> "Europe/Berlin";
            case DURATION -> "12h";
            case HOSTNAME -> "nas.local";
            case STRING, SECRET -> "dummy-value";
        };
    }
}
