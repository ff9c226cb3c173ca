package io.pillar.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user's headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) on the console of the running
 * stack, logged in through Keycloak's own login page. Each user gets a browser of their own, so no session is shared.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMIUM = System.getenv().getOrDefault("PILLAR_CHROMIUM", "/usr/bin/chromium");
    private static final String DRIVER = System.getenv().getOrDefault("PILLAR_CHROMEDRIVER", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    final WebDriverWait wait;
    final String gateway;

    private ConsoleBrowser(String gateway) {
        this.gateway = gateway;
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Skips the test, saying why, when no Chromium is installed (CI installs it: .ci/run). */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER)),
                "the console's browser tests need Chromium and its driver (Debian: apt-get install chromium "
                        + "chromium-driver), not found at " + CHROMIUM + " and " + DRIVER);
    }

    /** Opens the console, logs in on Keycloak's page as {@code user} and waits for the console to know them. */
    static ConsoleBrowser loggedIn(String user) {
        assumeInstalled();
        ConsoleBrowser browser = new ConsoleBrowser(PlatformUnderTest.get("PILLAR_GATEWAY_URL"));
        browser.driver.get(browser.gateway + "/console/");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(PlatformUnderTest.get("PILLAR_DEMO_PASSWORD"));
        browser.driver.findElement(By.id("kc-login")).click();
        try {
            browser.wait.until(ExpectedConditions.textMatches(By.id("user"), java.util.regex.Pattern.compile("\\S")));
        } catch (RuntimeException e) {
            browser.screenshot("login-failed-" + user);
            String page = browser.driver.getPageSource();
            String at = browser.driver.getCurrentUrl();
            browser.close();
            throw new AssertionError(user + " did not reach the console; at " + at + ": "
                    + page.substring(0, Math.min(page.length(), 2000)), e);
        }
        return browser;
    }

    /** Goes to a page of the console ({@code #/...}) and waits for its heading. */
    void open(String hash, String heading) {
        driver.get(gateway + "/console/" + hash);
        driver.navigate().refresh(); // a new hash on the same document is only a hashchange; load it whole
        waitForHeading(heading);
    }

    /** Waits for the page's heading; when it does not come, the failure says what the page announced instead. */
    void waitForHeading(String heading) {
        try {
            wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), heading));
        } catch (org.openqa.selenium.TimeoutException e) {
            String status = driver.findElements(By.id("status")).stream().map(WebElement::getText).findFirst()
                    .orElse("");
            throw new AssertionError("expected the page " + heading + " at " + driver.getCurrentUrl()
                    + "; the console said: " + status, e);
        }
    }

    WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Calls the API as the page would, from inside the logged-in page: the HTTP status it got. */
    long fetchStatus(String method, String apiPath, String body, boolean withCsrf) {
        Object status = driver.executeAsyncScript("""
                const [method, path, body, withCsrf, done] = arguments;
                const headers = {'Content-Type': 'application/json', 'X-Requested-With': 'JavaScript'};
                fetch('/console/session', {headers}).then(r => r.json()).then(s => {
                  if (withCsrf) headers['X-CSRF-Token'] = s.csrf_token;
                  return fetch('/console/api/v1' + path, {method, headers, body: body || undefined});
                }).then(r => done(r.status), e => done(String(e)));""", method, apiPath, body, withCsrf);
        return (Long) status;
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
