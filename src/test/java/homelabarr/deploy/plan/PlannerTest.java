package homelabarr.deploy.plan;

import homelabarr.deploy.plan.Plan.ContainerSpec;
import homelabarr.deploy.run.CreateSpecs;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.TemplateParser;
import homelabarr.docker.CreateSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Names, labels, networks and the modes' changes, on a custom template that uses the less common features. */
class PlannerTest {
    private static final ProxySettings PROXY = new ProxySettings("proxy", "websecure", "letsencrypt", "authelia@docker");
    private static final FolderRoots ROOTS = FolderRoots.of("/opt/appdata", List.of("/srv", "/mnt"));
    private final AppTemplate app = parse();
    private final Plans renderer = new Plans(PROXY);
    private final SettingsResolver resolver = new SettingsResolver(new SecretGenerator());

    @Test
    void namesFollowTheConventions() {
        Plan plan = render(new Mode.Standard());
        assertThat(plan.containers().stream().map(ContainerSpec::service)).containsExactly("vpn", "worker", "web", "tool");
        assertThat(plan.container("web").name()).isEqualTo("shop");
        assertThat(plan.container("vpn").name()).isEqualTo("shop-vpn");
        assertThat(plan.container("tool").name()).isEqualTo("my-tool");
        assertThat(plan.container("worker").oneOff()).isTrue();
        assertThat(plan.volumes()).extracting(Plan.VolumeSpec::name).containsExactly("myapps-shop_data", "shared-cache");
        assertThat(plan.networks()).extracting(Plan.NetworkSpec::name).containsExactly("myapps-shop_default");
        CreateSpecs.Created worker = CreateSpecs.of(plan.container("worker"), plan, ROOTS, service -> "id-" + service);
        assertThat(worker.spec().networkMode()).isEqualTo("container:id-vpn");
        assertThat(worker.spec().ports()).isEmpty();
        CreateSpecs.Created web = CreateSpecs.of(plan.container("web"), plan, ROOTS, service -> "id-" + service);
        assertThat(web.spec().network()).isEqualTo("myapps-shop_default");
        assertThat(web.spec().aliases()).containsExactly("web");
        assertThat(web.spec().binds()).extracting(CreateSpec.Bind::source).contains("myapps-shop_data", "shared-cache");
        // folders under the roots may be created when missing; a file or anything else must exist (strict mounts)
        assertThat(web.spec().binds()).extracting(CreateSpec.Bind::source).contains("/opt/appdata/shop/config")
                .doesNotContain("/var/log", "/opt/appdata/shop/app.yml");
        assertThat(web.spec().strictBinds()).extracting(m -> m.source() + ":" + m.target() + ":" + m.readOnly())
                .containsExactly("/opt/appdata/shop/app.yml:/app.yml:true", "/var/log:/host-logs:true");
        assertThat(web.spec().init()).isNull();
    }

    @Test
    void standardModeDropsTemplateProxyLabelsAndTheExternalProxyNetwork() {
        ContainerSpec web = render(new Mode.Standard()).container("web");
        assertThat(web.labels()).doesNotContainKeys("traefik.enable", "traefik.http.routers.custom.rule")
                .containsEntry("keep.me", "yes").containsEntry("homelabarr.app", "myapps-shop");
        assertThat(web.networks()).containsExactly("myapps-shop_default");
        assertThat(web.ports()).anyMatch(p -> p.containerPort() == 80 && p.hostPort() == 8099);
    }

    @Test
    void traefikModeAddsItsOwnRouterAndDropsTheWebPort() {
        Plan plan = render(new Mode.Traefik());
        ContainerSpec web = plan.container("web");
        assertThat(web.labels()).doesNotContainKey("traefik.http.routers.custom.rule")
                .containsEntry("traefik.http.routers.myapps-shop.rule", "Host(`shop.example.org`)")
                .doesNotContainKey("traefik.http.routers.myapps-shop.middlewares");
        assertThat(web.ports()).noneMatch(p -> p.containerPort() == 80).anyMatch(p -> p.containerPort() == 9000);
        assertThat(web.networks()).containsExactly("myapps-shop_default", "proxy");
        assertThat(plan.networks()).anyMatch(n -> n.shared() && n.name().equals("proxy"));
        assertThat(plan.url()).isEqualTo("https://shop.example.org/");
    }

    @Test
    void onlyTheProxyItselfKeepsTheProxyNetworkAndItIsShared() {
        AppTemplate proxyApp = parse(TEMPLATE.replace("  risk:\n", "  provides: proxy\n  risk:\n"));
        Plan plan = renderer.render(proxyApp, resolver.resolve(proxyApp, Map.of()), new Mode.Standard(), "fedcba9876543210");
        assertThat(plan.container("web").networks()).containsExactly("proxy");
        assertThat(plan.networks()).filteredOn(n -> n.name().equals("proxy")).singleElement()
                .satisfies(n -> assertThat(n.shared() && !n.external()).isTrue());
        assertThat(plan.container("web").labels()).doesNotContainKey("traefik.http.routers.custom.rule");
        Plan routed = renderer.render(proxyApp, resolver.resolve(proxyApp, Map.of("DOMAIN", "example.org")), new Mode.Traefik(),
                "fedcba9876543210");
        assertThat(routed.container("web").networks()).containsExactly("proxy");
        assertThat(routed.networks()).filteredOn(n -> n.name().equals("proxy")).hasSize(1);
    }

    @Test
    void theForwardAuthProviderKeepsItsMiddlewareLabelsButNoRouters() {
        String labels = "      traefik.http.middlewares.sso.forwardauth.address: http://web/auth\n      keep.me: \"yes\"\n";
        AppTemplate ordinary = parse(TEMPLATE.replace("      keep.me: \"yes\"\n", labels));
        Plan plain = renderer.render(ordinary, resolver.resolve(ordinary, Map.of()), new Mode.Standard(), "fedcba9876543210");
        assertThat(plain.container("web").labels().keySet()).noneMatch(k -> k.startsWith("traefik."));
        AppTemplate sso = parse(TEMPLATE.replace("  risk:\n", "  provides: forward-auth\n  risk:\n")
                .replace("      keep.me: \"yes\"\n", labels));
        Plan plan = renderer.render(sso, resolver.resolve(sso, Map.of()), new Mode.Standard(), "fedcba9876543210");
        assertThat(plan.container("web").labels())
                .containsEntry("traefik.http.middlewares.sso.forwardauth.address", "http://web/auth")
                .doesNotContainKeys("traefik.enable", "traefik.http.routers.custom.rule");
        assertThat(plan.container("web").networks()).containsExactly("myapps-shop_default");
    }

    @Test
    void httpsBackendsGetTheSkipVerifyTransport() {
        AppTemplate https = parse(TEMPLATE.replace("    port: 80\n", "    port: 80\n    scheme: https\n"));
        ContainerSpec web = renderer.render(https, resolver.resolve(https, Map.of("DOMAIN", "example.org")), new Mode.Traefik(),
                "fedcba9876543210").container("web");
        assertThat(web.labels()).containsEntry("traefik.http.services.myapps-shop.loadbalancer.server.scheme", "https")
                .containsEntry("traefik.http.services.myapps-shop.loadbalancer.serverstransport", "skip-verify@file");
        assertThat(render(new Mode.Traefik()).container("web").labels().keySet()).noneMatch(k -> k.contains("serverstransport"));
    }

    private Plan render(Mode mode) {
        return renderer.render(app, resolver.resolve(app, Map.of("DOMAIN", "example.org")), mode, "fedcba9876543210");
    }

    private static AppTemplate parse() {
        return parse(TEMPLATE);
    }

    private static AppTemplate parse(String template) {
        try {
            return new TemplateParser().parse("myapps", "shop", template, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String TEMPLATE = """
                    x-homelabarr:
                      name: Shop
                      description: uses many compose features
                      category: myapps
                      icon: test
                      website: https://example.com
                      webUi:
                        service: web
                        port: 80
                      risk:
                        devices: false
                    services:
                      web:
                        image: homelabarr-test/busybox:1
                        labels:
                          traefik.enable: "true"
                          traefik.http.routers.custom.rule: Host(`elsewhere`)
                          keep.me: "yes"
                        ports:
                          - "8099:80"
                          - "9000:9000"
                        networks:
                          - proxy
                        volumes:
                          - data:/data
                          - cache:/cache
                          - ${APPFOLDER}/shop/config:/config
                          - ${APPFOLDER}/shop/app.yml:/app.yml:ro
                          - /var/log:/host-logs:ro
                        depends_on:
                          worker:
                            condition: service_completed_successfully
                      vpn:
                        image: homelabarr-test/busybox:1
                      worker:
                        image: homelabarr-test/busybox:1
                        network_mode: "service:vpn"
                        expose:
                          - "7000"
                      tool:
                        image: homelabarr-test/busybox:1
                        container_name: my-tool
                    volumes:
                      data: {}
                      cache:
                        name: shared-cache
                    networks:
                      proxy:
                        external: true
                    """;
}
