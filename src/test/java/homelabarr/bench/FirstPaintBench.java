package homelabarr.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's first screen as a first visitor gets it: headless Debian Chromium (driven by Playwright for Java;
 * nothing is downloaded) opens the server's {@code /} in a fresh profile (empty cache), {@code PAINT_SAMPLES} (5)
 * times after one unmeasured visit. Recorded per sample: first contentful paint (Paint Timing API) and the time until
 * the sign-in form is shown ({@code performance.now()} once the "Sign in" heading is visible), both in ms since
 * navigation start.
 */
public final class FirstPaintBench {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic");

    public static void main(String[] args) {
        Api api = Api.fromEnv();
        String prefix = Api.env("BENCH_PREFIX", "ours");
        int samples = Integer.parseInt(Api.env("PAINT_SAMPLES", "5"));
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("needs " + CHROMIUM + " (scripts/test-env.sh installs it)");
        }
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(FLAGS))) {
            for (int i = 0; i <= samples; i++) {
                var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
                Page page = context.newPage();
                page.setDefaultTimeout(30_000);
                page.navigate(api.base + "/");
                page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in")).waitFor();
                double form = ((Number) page.evaluate("performance.now()")).doubleValue();
                double paint = ((Number) page.evaluate(
                        "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: -1}).startTime"))
                        .doubleValue();
                context.close();
                if (i > 0) {
                    Results.put(prefix + ".paint.fcp_ms", paint);
                    Results.put(prefix + ".paint.form_ms", form);
                }
            }
        }
    }
}
