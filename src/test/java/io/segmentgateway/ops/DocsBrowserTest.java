package io.segmentgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * /docs in Debian's headless Chromium (/usr/bin/chromium, driven through /usr/bin/chromedriver; nothing is
 * downloaded): the page loads without a console error, a refused Content-Security-Policy included, lists every
 * operation of the API description, and evaluates the example devices from the page with an API key. The page as
 * it ends is kept in target/docs/swagger-ui.png.
 */
class DocsBrowserTest extends ApiTest {

  static final Path SCREENSHOT = Path.of("target", "docs", "swagger-ui.png");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  /** Swagger UI's id of POST /v1/segments/evaluate: operations-{tag}-{operationId}. */
  private static final String EVALUATE = "operations-segments-evaluateConstraints";

  private Path profile;
  private ChromeDriverService service;
  private WebDriver browser;

  @BeforeAll
  void startBrowser() throws IOException {
    profile = Files.createTempDirectory("docs-chromium");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM)
        .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-quic", "--user-data-dir=" + profile,
            "--window-size=1280,3200");
    options.setCapability("goog:loggingPrefs", logs);
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  void stopBrowser() throws IOException {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      if (service != null) {
        service.stop();
      }
      if (profile != null) {
        try (var files = Files.walk(profile)) {
          files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
      }
    }
  }

  @Test
  void thePageListsEveryOperationAndEvaluatesTheExampleWithAKeyWithoutAConsoleError() throws IOException {
    try {
      tryTheEvaluateExample();
    } finally {
      screenshot();
    }
    assertThat(consoleErrors()).isEmpty();
  }

  private void tryTheEvaluateExample() {
    browser.get("http://localhost:" + server.server().port() + "/docs");
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));

    assertThat(listedOperations()).isEqualTo(documentedOperations());

    browser.findElement(By.cssSelector(".auth-wrapper .authorize")).click();
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux")));
    dialog.findElement(By.cssSelector("input")).sendKeys(server.keyA());
    dialog.findElement(By.cssSelector("button.authorize")).click();
    dialog.findElement(By.cssSelector("button.btn-done")).click();

    String operation = "#" + EVALUATE + " ";
    browser.findElement(By.cssSelector(operation + ".opblock-summary-control")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(operation + ".try-out__btn"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(operation + ".execute"))).click();
    WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(operation + ".live-responses-table .response .response-col_status")));
    WebElement answer = browser.findElement(
        By.cssSelector(operation + ".live-responses-table .response-col_description pre"));

    assertThat(status.getText()).isEqualTo("200");
    JsonObject body = new JsonObject(answer.getText());
    assertThat(body.getString("expression"))
        .isEqualTo("(firstSession <= 1771924492768) AND (lastSession >= 1771924492782)");
    JsonArray results = body.getJsonArray("results");
    assertThat(results.stream().map(r -> ((JsonObject) r).getBoolean("matched"))).containsExactly(true, false);
  }

  /** Swagger UI gives each operation the id operations-{tag}-{operationId}. */
  private Set<String> listedOperations() {
    Set<String> ids = new TreeSet<>();
    for (WebElement block : browser.findElements(By.cssSelector(".opblock[id^='operations-']"))) {
      ids.add(block.getAttribute("id"));
    }
    return ids;
  }

  private Set<String> documentedOperations() {
    JsonObject paths = send(null, HttpMethod.GET, "/openapi.json").json().getJsonObject("paths");
    Set<String> ids = new TreeSet<>();
    for (String path : paths.fieldNames()) {
      JsonObject operations = paths.getJsonObject(path);
      for (String method : operations.fieldNames()) {
        if (!method.equals("parameters")) {
          JsonObject operation = operations.getJsonObject(method);
          for (Object tag : operation.getJsonArray("tags")) {
            ids.add("operations-" + tag + "-" + operation.getString("operationId"));
          }
        }
      }
    }
    return ids;
  }

  /** What the console said at level SEVERE: errors, and every request the page's policy refused. */
  private List<String> consoleErrors() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  private void screenshot() throws IOException {
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
