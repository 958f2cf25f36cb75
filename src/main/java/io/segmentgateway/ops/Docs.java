package io.segmentgateway.ops;

import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * GET /docs: an interactive viewer of /openapi.json (Swagger UI, from its WebJar in the jar), and its files under
 * /docs/{file}. Everything is read from the classpath once, at start-up: nothing is fetched at run time, from here
 * or by the browser, which the page's Content-Security-Policy holds it to.
 */
public final class Docs {

  /** Only this service's own files; the styles Swagger UI sets on its elements, and its data: icons. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final String OWN = "docs/";
  private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  /** The viewer's files the page loads: name, then content type. */
  private static final String[][] VIEWER_FILES = {
      {"swagger-ui-bundle.js", "text/javascript; charset=utf-8"},
      {"swagger-ui.css", "text/css; charset=utf-8"},
      {"favicon-16x16.png", "image/png"},
      {"favicon-32x32.png", "image/png"},
  };

  private final Buffer page;
  private final Map<String, Asset> assets;

  private Docs(Buffer page, Map<String, Asset> assets) {
    this.page = page;
    this.assets = assets;
  }

  private record Asset(Buffer bytes, String contentType) {
  }

  /**
   * Blocking: call it before the event loops start serving. schemaBase: the $id base of the schema files, which the
   * viewer reads from /schemas/ instead.
   */
  public static Docs load(String schemaBase) {
    ClassLoader loader = Docs.class.getClassLoader();
    String viewer = WEBJAR + webjarVersion(loader) + "/";
    Map<String, Asset> assets = new HashMap<>();
    for (String[] file : VIEWER_FILES) {
      assets.put(file[0], new Asset(OpenApi.read(loader, viewer + file[0]), file[1]));
    }
    String initializer = OpenApi.read(loader, OWN + "initializer.js").toString(StandardCharsets.UTF_8)
        .replace("%SCHEMA_BASE%", schemaBase);
    assets.put("initializer.js", new Asset(Buffer.buffer(initializer), "text/javascript; charset=utf-8"));
    return new Docs(OpenApi.read(loader, OWN + "index.html"), Map.copyOf(assets));
  }

  /** GET /docs */
  public void page(RoutingContext ctx) {
    send(ctx, page, "text/html; charset=utf-8");
  }

  /** GET /docs/{file}: one of the viewer's files, else 404. */
  public void asset(RoutingContext ctx) {
    Asset asset = assets.get(ctx.pathParam("file"));
    if (asset == null) {
      throw new ProblemException(Problem.notFound("no such file of the API viewer"));
    }
    send(ctx, asset.bytes(), asset.contentType());
  }

  private static void send(RoutingContext ctx, Buffer bytes, String contentType) {
    MultiMap headers = ctx.response().headers();
    headers.set(HttpHeaders.CONTENT_TYPE, contentType);
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    // Revalidated on every load: a new release of the service serves new files under the same names.
    headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
    ctx.response().end(bytes);
  }

  /** The WebJar's version, from its own Maven metadata: the pom names it once. */
  private static String webjarVersion(ClassLoader loader) {
    Properties properties = new Properties();
    try (InputStream in = loader.getResourceAsStream(WEBJAR_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException(WEBJAR_PROPERTIES + " is missing from the classpath");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
