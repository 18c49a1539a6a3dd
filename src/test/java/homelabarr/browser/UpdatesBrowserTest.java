package homelabarr.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import homelabarr.notifications.Receiver;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's notification and update screens in a real browser against the real server, engine and registry:
 * an admin adds a webhook channel, sends a test and sees it delivered (and the webhook receiver, a real HTTP server,
 * got it); on a deployed app's page they check for updates, see each container's state and environment, and set
 * the app's update policy, a bad maintenance window being refused with the server's reason.
 */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdatesBrowserTest {
    private TestServer server;
    private DockerFixture docker;
    private BrowserFixture browsers;
    private Receiver hooks;
    private Page page;
    private String base;
    private String appId;

    @BeforeAll
    void start(@TempDir Path dir) {
        hooks = new Receiver(200);
        TestServer.Builder builder = TestServer.builder(dir).forDeploys().env("UPDATE_CHECK_INTERVAL", "off");
        // the shared registry's test image: checked against the registry, never changed by this test
        appId = builder.template("updatable", TestTemplates.idle("Updatable", TestTemplates.REGISTRY_IMAGE));
        server = builder.start();
        docker = new DockerFixture();
        JsonNode deployed = server.awaitEnd(server.deploy(appId, "{}"));
        assertThat(deployed.path("status").asText()).as(deployed.toString()).isEqualTo("succeeded");
        base = "http://127.0.0.1:" + server.app().port();
        browsers = new BrowserFixture();
        // the machine is shared with other builds: give each expectation time
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        page = browsers.newPage();
        page.navigate(base + "/");
        page.getByLabel("Username").fill("admin");
        page.getByLabel("Password").fill(TestServer.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Catalog"))).isVisible();
    }

    @AfterEach
    void keepLastView(TestInfo test) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target/browser-tests/" + test.getTestMethod().orElseThrow().getName() + ".png")));
    }

    @AfterAll
    void stop() {
        try {
            if (browsers != null) {
                browsers.close();
            }
            if (server != null) {
                server.close();
            }
            if (hooks != null) {
                hooks.close();
            }
        } finally {
            if (docker != null) {
                docker.removeApp(appId);
                docker.close();
            }
        }
    }

    @Test
    void aWebhookChannelIsAddedTestedAndItsDeliveryShown() throws Exception {
        page.navigate(base + "/admin/notifications");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add channel")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Name").fill("browser-hook");
        dialog.getByLabel("url", new Locator.GetByLabelOptions().setExact(true)).fill(hooks.url("/hook"));
        dialog.getByLabel("secret", new Locator.GetByLabelOptions().setExact(true)).fill("browser-hook-secret");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add channel")).click();
        assertThat(dialog).isHidden();
        assertThat(page.getByRole(AriaRole.ROWHEADER, new Page.GetByRoleOptions().setName("browser-hook (webhook)")))
                .isVisible();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a test to browser-hook")).click();
        assertThat(page.getByText("Test sent to browser-hook.")).isVisible();
        Locator deliveries = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Recent deliveries"));
        Locator row = deliveries.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("browser-hook"));
        assertThat(row).hasCount(1);
        assertThat(row.getByRole(AriaRole.CELL).nth(3)).hasText("delivered");
        deliveries.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refresh deliveries")).click();
        assertThat(row).hasCount(1);
        assertThat(row.getByRole(AriaRole.CELL).nth(1)).hasText("Test notification");

        Receiver.Request got = hooks.awaitRequest(1, Duration.ofSeconds(30));
        assertThat(new ObjectMapper().readTree(got.body()).path("kind").asText()).isEqualTo("test");
    }

    @Test
    void anAppsUpdateStateIsCheckedAndItsPolicySet() {
        page.navigate(base + "/apps/" + appId);
        Locator updates = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Updates"));
        assertThat(updates).isVisible();
        updates.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Check now")).click();
        Locator service = updates.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions()
                .setHas(page.getByRole(AriaRole.ROWHEADER, new Page.GetByRoleOptions().setName("app"))));
        assertThat(service.getByRole(AriaRole.CELL).nth(0)).hasText("local");
        assertThat(service.getByRole(AriaRole.CELL).nth(1)).hasText(TestTemplates.REGISTRY_IMAGE);
        assertThat(service.getByRole(AriaRole.CELL).nth(4)).containsText("up-to-date");
        assertThat(updates.getByText("Policy: notify")).isVisible();

        updates.getByLabel("Update policy").selectOption("auto");
        updates.getByLabel("Window (UTC, optional)").fill("tonight");
        updates.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save policy")).click();
        assertThat(updates.getByRole(AriaRole.ALERT)).containsText("window");

        updates.getByLabel("Window (UTC, optional)").fill("02:00-05:00");
        updates.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save policy")).click();
        assertThat(updates.getByText("Policy: auto (02:00-05:00 UTC)")).isVisible();
        JsonNode stored = server.get("/applications/" + appId + "/update", server.adminToken()).assertStatus(200).json()
                .path("data");
        assertThat(stored.path("policy").asText()).isEqualTo("auto");
        assertThat(stored.path("window").asText()).isEqualTo("02:00-05:00");

        updates.getByLabel("Update policy").selectOption("pinned");
        updates.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save policy")).click();
        assertThat(updates.getByText("Policy: pinned")).isVisible();
    }
}
