package dev.lexguard.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium}, driven through Debian's {@code chromium-driver}; nothing is
 * downloaded), at a phone-ish width so the pages are checked where they are narrowest. Screenshots go to
 * target/console-screenshots; {@code -Dlexguard.screenshots=../docs/console} refreshes the console README's (a test run
 * never rewrites the repository's files on its own).
 */
final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("lexguard.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("lexguard.chromedriver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("lexguard.screenshots", "target/console-screenshots"))
            .toAbsolutePath().normalize();

    final ChromeDriver driver;

    Browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=430,1100",
                "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits until the page's heading says {@code heading} (htmx swaps the body after a boosted form). */
    void awaitHeading(String heading) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.textToBe(By.cssSelector("main h1"), heading));
        } catch (TimeoutException e) {
            String source = driver.getPageSource();
            throw new AssertionError("no heading \"" + heading + "\" at " + driver.getCurrentUrl() + ": "
                    + source.substring(0, Math.min(source.length(), 1500)), e);
        }
    }

    String heading() {
        return find("main h1").getText();
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
