package org.logitlab.web.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium + chromium-driver) driven by Selenium. Where the browser is
 * missing the tests are skipped on a developer's machine, but fail under {@code CI=true}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser open(int width, int height) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Chromium is required under CI=true: install chromium and chromium-driver");
        }
        Assumptions.assumeTrue(present, "Chromium not installed: apt-get install chromium chromium-driver");
        try {
            Path profile = Files.createTempDirectory("logitlab-chrome");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height, "--lang=en-US");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            // The window includes the browser's own frame: size it so that the page's viewport is width × height,
            // the size of the screen being checked.
            Number dw = (Number) driver.executeScript("return window.outerWidth - window.innerWidth");
            Number dh = (Number) driver.executeScript("return window.outerHeight - window.innerHeight");
            if (dw.intValue() != 0 || dh.intValue() != 0) {
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(width + dw.intValue(),
                        height + dh.intValue()));
            }
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens {@code url} and waits until the page's scripts have loaded. */
    void load(String url) {
        driver.get(url);
        waiting().until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return !!window.htmx && !!window.Chart && !!window.katex && document.readyState === 'complete'")));
    }

    org.openqa.selenium.WebElement byTestId(String id) {
        return driver.findElement(org.openqa.selenium.By.cssSelector("[data-testid='" + id + "']"));
    }

    /** The step counter, read in one script call: during play the element changes many times a second. */
    long stepCount() {
        return Long.parseLong(((String) driver.executeScript(
                "return document.querySelector('[data-testid=step-count]').textContent")).trim());
    }

    void waitForStep(long step) {
        waiting().until(d -> {
            try {
                return stepCount() == step;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** The value of a script, run in the page. */
    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    WebDriverWait waiting() {
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** Console messages at SEVERE level (errors, failed loads, CSP violations) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Saves a screenshot under target/screenshots, a build artifact to look at. */
    Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
