package dev.cliproxy.host.panel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through chromedriver, both Debian's ({@code apt-get install chromium
 * chromium-driver}; {@code .ci/run} installs them). Their paths are given to Selenium, so Selenium Manager never
 * looks for (or downloads) a browser or a driver. Without them the calling test is skipped, saying why.
 */
final class PanelBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;

    private PanelBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A browser with a window of {@code width} x {@code height} CSS pixels. */
    static PanelBrowser start(int width, int height) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the control panel's browser tests need Debian's chromium and chromium-driver "
                        + "(apt-get install -y chromium chromium-driver); .ci/run installs them");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=" + width + "," + height);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new PanelBrowser(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens {@code url} in a fresh state: nothing kept in this origin's session storage. */
    void openFresh(String url) {
        driver.get(url);
        script("sessionStorage.clear(); localStorage.clear();");
        driver.navigate().refresh();
    }

    /** Opens the panel at {@code pageUrl} afresh and signs in with {@code key}. */
    void signIn(String pageUrl, String key) {
        openFresh(pageUrl);
        visible(By.id("management-key")).sendKeys(key);
        driver.findElement(By.id("sign-in-button")).click();
    }

    /** Clicks {@code screen} in the navigation and waits until it has drawn its data; returns the screen. */
    WebElement show(String screen) {
        clickable(By.cssSelector("#nav a[data-screen='" + screen + "']")).click();
        return visible(By.cssSelector("#screen-" + screen + "[data-loaded='true']"));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Waits (up to 15 s, polling) for {@code condition} to give a non-null, non-false value. */
    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement clickable(By by) {
        return until(ExpectedConditions.elementToBeClickable(by));
    }

    /** Waits until {@code by}'s text contains {@code text}; returns the element. */
    WebElement withText(By by, String text) {
        try {
            until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        } catch (TimeoutException e) {
            List<WebElement> found = driver.findElements(by);
            throw new AssertionError("no \"" + text + "\" in " + by + ", which shows: "
                    + (found.isEmpty() ? "(nothing: not found)" : found.getFirst().getText()), e);
        }
        return driver.findElement(by);
    }

    /** Sets the page's viewport to {@code width} x {@code height} CSS pixels, as a phone when {@code mobile}. */
    void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile));
    }

    /**
     * What the page logged as errors since the last call: script errors and Content-Security-Policy refusals. HTTP
     * errors of calls ("Failed to load resource") are left out: the panel shows those itself.
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    byte[] screenshot() {
        return driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
