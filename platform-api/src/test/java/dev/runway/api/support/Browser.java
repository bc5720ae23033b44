package dev.runway.api.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through Debian's chromedriver. Nothing is downloaded: the driver and the
 * browser are named explicitly, so Selenium Manager never runs.
 */
public final class Browser implements AutoCloseable {
    /** Debian's paths; {@code -Drunway.test.chromedriver=...} and {@code -Drunway.test.chromium=...} change them. */
    public static final String DRIVER = System.getProperty("runway.test.chromedriver", "/usr/bin/chromedriver");

    public static final String CHROMIUM = System.getProperty("runway.test.chromium", "/usr/bin/chromium");

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the test where Chromium is not installed, except in CI, where a skipped browser test is a failure. */
    public static void requireChromium() {
        boolean installed = Files.isExecutable(Path.of(DRIVER)) && Files.isExecutable(Path.of(CHROMIUM));
        if (installed) {
            return;
        }
        String message = "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + ": in CI the browser tests must run, not be skipped");
        }
        Assumptions.abort(message);
    }

    public static Browser open() throws IOException {
        Path profile = Files.createTempDirectory("runway-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        // htmx swaps the live fragment every second: an element read mid-swap is simply read again
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(200))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class);
    }

    /** Waits for {@code condition}; on a timeout keeps a screenshot and says what the page showed. */
    public void await(String what, java.util.function.Function<WebDriver, Boolean> condition) throws IOException {
        try {
            waiting().until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException timeout) {
            screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            String text = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError(
                    "gave up waiting for " + what + " at " + driver.getCurrentUrl() + "; the page said:\n"
                            + text.substring(0, Math.min(3000, text.length())),
                    timeout);
        }
    }

    public void logIn(String baseUrl, String user, String password) {
        driver.get(baseUrl + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/console"));
    }

    /** Kept as a test artifact under target/screenshots/. */
    public void screenshot(String name) throws IOException {
        Path folder = Path.of(System.getProperty("runway.test.workdir", "target"), "screenshots");
        Files.createDirectories(folder);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
