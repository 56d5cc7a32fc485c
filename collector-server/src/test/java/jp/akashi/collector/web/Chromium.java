package jp.akashi.collector.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Debian's chromedriver, both set explicitly so that nothing
 * tries to download a browser. Install them with scripts/install-test-deps.sh.
 */
final class Chromium {
    static final String BROWSER = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    static ChromeDriver start(Path profile) {
        if (!Files.isExecutable(Path.of(BROWSER)) || !Files.isExecutable(Path.of(DRIVER))) {
            throw new IllegalStateException(BROWSER + " and " + DRIVER
                    + " are needed for the browser tests: run scripts/install-test-deps.sh");
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(BROWSER);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1366,1000",
                // an English browser: the console must still start in Japanese
                "--lang=en-US",
                // Bootstrap scrolls smoothly otherwise, and a click on a long page lands while the page still moves
                "--force-prefers-reduced-motion");
        o.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        // downloads (snapshots, exports) land in the profile's own folder, without asking
        o.setExperimentalOption("prefs", Map.of("download.default_directory", downloads(profile).toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        d.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads(profile).toAbsolutePath().toString()));
        return d;
    }

    /** Where the browser of {@code profile} saves downloads. */
    static Path downloads(Path profile) {
        return profile.resolve("downloads");
    }

    /** Waits (up to 60 s) for a finished download whose name ends with {@code suffix} and returns it. */
    static Path awaitDownload(Path profile, String suffix) throws InterruptedException, IOException {
        Path dir = downloads(profile);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    var done = files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
                    if (done.isPresent()) {
                        return done.get();
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no download ending with " + suffix + " in " + dir);
    }

    /** Saves the whole page (not only the window) as target/screenshots/{name}.png. */
    static Path screenshot(ChromeDriver d, String name) {
        return screenshot(d, name, 1366);
    }

    /** Saves the whole page laid out {@code width} px wide as target/screenshots/{name}.png. */
    static Path screenshot(ChromeDriver d, String name, int width) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Number height = (Number) d.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
            d.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                    "height", Math.min(6000, Math.max(800, height.intValue())), "deviceScaleFactor", 1, "mobile", false));
            File shot = d.getScreenshotAs(OutputType.FILE);
            d.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }
}
