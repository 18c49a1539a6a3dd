package homelabarr.deploy;

import homelabarr.deploy.plan.FolderRoots;
import homelabarr.deploy.plan.Mode;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plans;
import homelabarr.deploy.plan.Plan.ContainerSpec;
import homelabarr.deploy.plan.ProxyRules;
import homelabarr.deploy.plan.ProxySettings;
import homelabarr.deploy.plan.ResolvedSettings;
import homelabarr.deploy.plan.SecretGenerator;
import homelabarr.deploy.plan.SettingsResolver;
import homelabarr.deploy.run.CreateSpecs;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.BuiltinTemplates;
import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.catalog.ImageRef;
import homelabarr.catalog.Setting;
import homelabarr.catalog.TemplateParser;
import homelabarr.errors.Refused;
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
    private final Plans renderer = new Plans(PROXY);

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
            plan.containers().forEach(c -> assertThat(c.labels().keySet()).as(app.id()).noneMatch(k -> k.startsWith("traefik.")
                    && !(app.info().isForwardAuth() && k.startsWith("traefik.http.middlewares."))));
        }
    }

    @Test
    void theCatalogsTraefikIsTheProxyTheModesExpect() {
        AppTemplate traefik = app("networking-traefik");
        ProxySettings custom = new ProxySettings("edge", "https", "myresolver", "authelia@docker");
        Plan plan = new Plans(custom).render(traefik, resolver.resolve(traefik, Map.of("ACME_EMAIL", "me@example.com",
                "DASHBOARD_PASSWORD", "a-password")), new Mode.Standard(), "0123456789abcdef");
        ContainerSpec c = plan.container("traefik");
        assertThat(c.networks()).containsExactly("edge");
        assertThat(plan.networks()).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("edge");
            assertThat(n.shared()).isTrue();
            assertThat(n.external()).isFalse();
        });
        assertThat(c.definition().command()).contains("--entrypoints.https.address=:443",
                "--certificatesresolvers.myresolver.acme.storage=/letsencrypt/acme.json",
                "--providers.docker.network=edge");
        String script = String.join("\n", c.definition().entrypoint());
        assertThat(script).contains("skip-verify:", "insecureSkipVerify: true", "basicAuth:");
        assertThat(ProxyRules.SKIP_VERIFY_TRANSPORT).isEqualTo("skip-verify@file");
    }

    @Test
    void httpsWebUisUseTheSkipVerifyTransportBehindTraefik() {
        long https = 0;
        for (AppTemplate app : apps) {
            if (app.info().webUi() == null || !app.info().webUi().scheme().equals("https")) {
                continue;
            }
            https++;
            ContainerSpec web = render(app, new Mode.Traefik()).container(app.info().webUi().service());
            String service = "traefik.http.services." + app.id() + ".loadbalancer.";
            assertThat(web.labels()).as(app.id()).containsEntry(service + "server.scheme", "https")
                    .containsEntry(service + "serverstransport", "skip-verify@file");
        }
        assertThat(https).isGreaterThanOrEqualTo(18);
        ContainerSpec plain = render(app("media-servers-plex"), new Mode.Traefik()).container("plex");
        assertThat(plain.labels().keySet()).noneMatch(k -> k.endsWith("serverstransport"));
    }

    @Test
    void theCatalogsAutheliaDefinesTheDefaultMiddlewareAndCannotSitBehindItself() {
        AppTemplate authelia = app("security-authelia");
        Map<String, Object> config = Map.of("ADMIN_EMAIL", "me@example.com", "ADMIN_PASSWORD", "pw", "DOMAIN", "example.com");
        ContainerSpec c = renderer.render(authelia, resolver.resolve(authelia, config), new Mode.Traefik(), "0123456789abcdef")
                .container("authelia");
        String middleware = PROXY.autheliaMiddleware().replace("@docker", "");
        assertThat(c.labels()).containsEntry("traefik.http.middlewares." + middleware + ".forwardauth.address",
                "http://" + c.name() + ":9091/api/authz/forward-auth");
        assertThat(c.networks()).contains("proxy");
        assertThatThrownBy(() -> renderer.render(authelia, resolver.resolve(authelia, config), new Mode.Authelia(),
                "0123456789abcdef")).isInstanceOf(Refused.class).hasMessageContaining("mode.type");
    }

    @Test
    void qbittorrentListensOnThePortItIsReachedAt() {
        for (String id : List.of("downloads-qbittorrent", "downloads-qbittorrent-gluetun", "downloads-qbittorrentvpn")) {
            AppTemplate app = app(id);
            Map<String, Object> config = new HashMap<>(Map.of("WEBUI_PORT", "18123"));
            if (id.endsWith("gluetun")) {
                config.put("VPN_SERVICE_PROVIDER", "mullvad");
            }
            Plan plan = renderer.render(app, resolver.resolve(app, config), new Mode.Standard(), "0123456789abcdef");
            assertThat(plan.webPort()).as(id).isEqualTo(18123);
            ContainerSpec web = plan.container(app.info().webUi().service());
            assertThat(web.ports()).as(id).anyMatch(p -> p.hostPort() != null && p.hostPort() == 18123 && p.containerPort() == 18123);
            assertThat(plan.containers()).as(id).anyMatch(c -> "18123".equals(c.definition().environment().get("WEBUI_PORT")));
            Plan routed = renderer.render(app, resolver.resolve(app, config), new Mode.Traefik(), "0123456789abcdef");
            assertThat(routed.container(app.info().webUi().service()).labels())
                    .containsEntry("traefik.http.services." + id + ".loadbalancer.server.port", "18123");
        }
    }

    private static AppTemplate app(String id) {
        return apps.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyTemplateWithAWebUiRendersBehindTraefikAndAuthelia() {
        for (Mode mode : List.of(new Mode.Traefik(), new Mode.Authelia())) {
            for (AppTemplate app : apps) {
                if (app.info().webUi() == null || mode instanceof Mode.Authelia && app.info().isForwardAuth()) {
                    assertThatThrownBy(() -> render(app, mode)).isInstanceOf(Refused.class)
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
            CreateSpecs.Created config =
                    CreateSpecs.of(c, plan, FolderRoots.of("/opt/appdata", List.of("/srv")), service -> "id-of-" + service);
            if (c.networkMode() == null) {
                assertThat(config.spec().network()).as(app.id()).isNotNull();
            } else {
                assertThat(config.spec().networkMode()).doesNotStartWith("service:");
            }
        }
        plan.networks().stream().filter(n -> !n.shared() && !n.external()).forEach(n -> assertThat(n.labels())
                .containsEntry("com.docker.compose.project", app.id()).containsEntry("homelabarr.deployment", "0123456789abcdef"));
        if (app.info().isProxy()) {
            assertThat(plan.networks()).as(app.id()).anyMatch(n -> n.name().equals("proxy") && n.shared());
        } else if (plan.containers().stream().anyMatch(c -> c.networkMode() == null)) {
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
