package homelabarr.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import homelabarr.swarm.SwarmTemplates;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.SwarmNodes;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The dashboard's Swarm screen in a real browser, against the real three-node swarm ({@link SwarmNodes}) registered
 * as an environment: picking it shows the Swarm screen with its nodes and the stack's tasks on their nodes, and a
 * service is scaled from there.
 */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmBrowserTest {
    private static final String ENV = "swarm";
    private SwarmNodes nodes;
    private TestServer server;
    private BrowserFixture browsers;
    private String app;

    @BeforeAll
    void start(@TempDir Path dir) {
        nodes = SwarmNodes.shared();
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        app = builder.template("sbrowse", SwarmTemplates.sleepers("Swarm browse", "homelabarr-test/busybox:1", 3));
        server = builder.start();
        server.post("/environments", server.token(), """
                {"name": "%s", "address": "%s"}""".formatted(ENV, SwarmNodes.MANAGER)).assertStatus(201);
        String id = server.post("/swarm/deploy?env=" + ENV, server.token(), "{\"appId\": \"" + app + "\"}")
                .assertStatus(202).json().get("deploymentId").asText();
        org.assertj.core.api.Assertions.assertThat(server.awaitEnd(id).get("status").asText()).isEqualTo("succeeded");
        browsers = new BrowserFixture();
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @AfterAll
    void stop() {
        try {
            if (browsers != null) {
                browsers.close();
            }
            if (server != null) {
                server.delete("/swarm/stacks/" + app + "?env=" + ENV, server.token());
                server.close();
            }
        } finally {
            if (nodes != null) {
                nodes.cleanUp();
            }
        }
    }

    @Test
    void theSwarmScreenShowsNodesAndTasksAndScalesAService() {
        Page page = browsers.newPage();
        page.navigate("http://127.0.0.1:" + server.app().port() + "/");
        page.getByLabel("Username").fill("admin");
        page.getByLabel("Password").fill(TestServer.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Catalog"))).isVisible();
        // local is no manager: no Swarm screen until the swarm's environment is chosen
        Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
        assertThat(nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Swarm"))).hasCount(0);
        page.getByLabel("Environment").selectOption(ENV);
        nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Swarm")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Swarm · " + ENV))).isVisible();
        for (String node : new String[] {"hlr-sw1", "hlr-sw2", "hlr-sw3"}) {
            assertThat(page.getByRole(AriaRole.ROWHEADER, new Page.GetByRoleOptions().setName(node))).isVisible();
        }
        Locator stack = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Stack " + app));
        assertThat(stack.getByText("3 / 3 running")).isVisible();
        assertThat(stack.getByRole(AriaRole.CELL, new Locator.GetByRoleOptions().setName(Pattern.compile("^hlr-sw\\d$"))))
                .hasCount(3);

        stack.getByLabel("Replicas", new Locator.GetByLabelOptions().setExact(true)).fill("1");
        stack.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Scale")).click();
        assertThat(stack.getByText("1 / 1 running")).isVisible();
        assertThat(stack.getByRole(AriaRole.CELL, new Locator.GetByRoleOptions().setName(Pattern.compile("^hlr-sw\\d$"))))
                .hasCount(1);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target/screenshots/swarm.png")));

        // the deployment list of that environment says which deployments made a stack
        nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Deployments")).click();
        assertThat(page.getByTitle("Deployed as a swarm stack")).hasCount(1);
    }
}
