package io.segmentgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * GET /docs and its files over HTTP: served from the jar with their own safe headers, no inline script, nothing from
 * elsewhere, no key needed and never rate limited (this server's keys get one request a second).
 */
class DocsTest extends ApiTest {

  private static final String[] FILES = {"/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/initializer.js",
      "/docs/favicon-32x32.png", "/docs/favicon-16x16.png"};

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withRateLimit(new AppConfig.RateLimit(1, 1, 1000, config.rateLimit().redis()));
  }

  @Test
  void thePageIsServedWithoutAKeyWithItsSafeHeaders() {
    Reply page = send(null, HttpMethod.GET, "/docs");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
    assertSafeHeaders(page);
    assertThat(page.body().toString()).contains("<div id=\"swagger-ui\"></div>");
  }

  @Test
  void thePageHasNoInlineScriptAndLoadsOnlyItsOwnFiles() {
    String html = send(null, HttpMethod.GET, "/docs").body().toString();

    Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
    int count = 0;
    while (scripts.find()) {
      assertThat(scripts.group(1)).contains("src=\"/docs/");
      assertThat(scripts.group(2)).isBlank();
      count++;
    }
    assertThat(count).isEqualTo(2);
    assertThat(html).doesNotContain(" style=", "<style", "onload=", "javascript:");
    Matcher links = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
    while (links.find()) {
      assertThat(links.group(1)).startsWith("/docs/");
      assertThat(send(null, HttpMethod.GET, links.group(1)).status()).as(links.group(1)).isEqualTo(200);
    }
  }

  @Test
  void theViewersFilesAreServedWithTheirTypesAndTheSameHeaders() {
    for (String file : FILES) {
      Reply reply = send(null, HttpMethod.GET, file);
      assertThat(reply.status()).as(file).isEqualTo(200);
      assertThat(reply.body().length()).as(file).isPositive();
      assertSafeHeaders(reply);
    }
    assertThat(send(null, HttpMethod.GET, "/docs/swagger-ui-bundle.js").contentType())
        .isEqualTo("text/javascript; charset=utf-8");
    assertThat(send(null, HttpMethod.GET, "/docs/swagger-ui.css").contentType()).isEqualTo("text/css; charset=utf-8");
    assertThat(send(null, HttpMethod.GET, "/docs/favicon-32x32.png").contentType()).isEqualTo("image/png");
    assertThat(send(null, HttpMethod.GET, "/docs/initializer.js").body().toString())
        .contains("url: \"/openapi.json\"", "validatorUrl: null");
  }

  @Test
  void anyOtherFileIsNotFound() {
    for (String path : new String[] {"/docs/index.html", "/docs/swagger-ui.js.map", "/docs/..%2Fopenapi.json",
        "/docs/oauth2-redirect.html"}) {
      Reply reply = send(null, HttpMethod.GET, path);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
    }
  }

  @Test
  void theDocsAreNeverRateLimited() {
    for (int i = 0; i < 20; i++) {
      Reply reply = send(server.keyA(), HttpMethod.GET, i % 2 == 0 ? "/docs" : "/docs/initializer.js");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("RateLimit-Policy")).isNull();
      assertThat(reply.header("RateLimit")).isNull();
    }
  }

  @Test
  void headOptionsAndOtherMethodsAnswerAsOnEveryReadOnlyPath() {
    assertThat(send(null, HttpMethod.HEAD, "/docs").status()).isEqualTo(200);
    for (String path : new String[] {"/docs", "/docs/swagger-ui.css"}) {
      Reply options = send(null, HttpMethod.OPTIONS, path);
      assertThat(options.status()).isEqualTo(204);
      assertThat(options.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
      Reply post = send(null, HttpMethod.POST, path);
      assertThat(post.status()).isEqualTo(405);
      assertThat(post.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }
  }

  private static void assertSafeHeaders(Reply reply) {
    assertThat(reply.header("Content-Security-Policy")).isEqualTo("default-src 'none'; script-src 'self';"
        + " style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
        + " frame-ancestors 'none'");
    assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-cache");
  }
}
