package dev.convkit.explore;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven by
 * Selenium without Selenium Manager (the binaries are named explicitly; nothing is downloaded).
 * When they are missing the tests fail under CI (which installs them) and are skipped elsewhere, with
 * the command that installs them.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("convkit.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("convkit.chromedriver", "/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");
    /** Held so that its level stays set (the logging framework keeps loggers weakly). */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** The reason the browser tests cannot run here, or null. */
    static String missing() {
        List<String> absent = new ArrayList<>();
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            absent.add(CHROMIUM);
        }
        if (!Files.isExecutable(Path.of(CHROMEDRIVER))) {
            absent.add(CHROMEDRIVER);
        }
        return absent.isEmpty() ? null : "the browser tests need Chromium: " + String.join(" and ", absent)
                + " missing; install them with: apt-get update && apt-get install -y chromium chromium-driver "
                + "(.ci/run does this)";
    }

    static Browser open(int width, int height) throws IOException {
        String problem = missing();
        if (problem != null) {
            throw new AssertionError(problem);
        }
        // the tests use WebDriver only, not the DevTools protocol: no note about CDP versions
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
        Path profile = Files.createTempDirectory("convkit-explore-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Browser(driver, profile);
    }

    WebElement find(String id) {
        return driver.findElement(By.id(id));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Loads the page and waits for its first answer. */
    void load(String url) {
        driver.get(url);
        waitFor(d -> "ready".equals(find("status").getText()) ? true : null);
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    /** The page's answer counter: it grows by one per answer shown. */
    long seq() {
        Object v = js("return Number(document.body.dataset.seq || 0)");
        return ((Number) v).longValue();
    }

    /** Waits until an answer newer than {@code before} is shown (or refused with an error). */
    void settled(long before) {
        waitFor(d -> seq() > before && !"busy".equals(js("return document.body.dataset.state")) ? true : null);
    }

    /** The text of each row of a matrix table, cells joined by one space (padded cells included), read in one script. */
    @SuppressWarnings("unchecked")
    List<String> rows(String tableId) {
        return (List<String>) js("return Array.from(document.getElementById(arguments[0]).rows)"
                + ".map(tr => Array.from(tr.cells).map(td => td.textContent.trim()).join(' '))", tableId);
    }

    /** Saves a screenshot as target/screenshots/NAME.png. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        Path file = SHOTS.resolve(name + ".png");
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(file, png);
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
