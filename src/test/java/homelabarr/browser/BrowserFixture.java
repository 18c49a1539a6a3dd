package homelabarr.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Playwright for Java driving Debian's Chromium ({@code /usr/bin/chromium}, installed by scripts/test-env.sh):
 * nothing is downloaded, and the flags keep Chromium from calling out of this closed network.
 */
final class BrowserFixture implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic");

    final Playwright playwright;
    final Browser browser;

    BrowserFixture() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Browser tests need " + CHROMIUM + ": run scripts/test-env.sh (as root) "
                    + "or apt-get install chromium");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(FLAGS));
    }

    /** A fresh browser profile (no cookies) at desktop size, light colours. */
    Page newPage() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 800).setColorScheme(ColorScheme.LIGHT).setLocale("en-GB")
                .setTimezoneId("UTC"));
        Page page = context.newPage();
        page.setDefaultTimeout(20_000);
        return page;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
