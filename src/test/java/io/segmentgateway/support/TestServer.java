package io.segmentgateway.support;

import io.segmentgateway.Server;
import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The real service on a random port, on its own fresh database, with one API key for each of two apps, and a
 * client that waits for each answer (tests run on their own thread, never on an event loop) and checks it
 * against openapi.json (CheckedWebClient).
 */
public final class TestServer implements AutoCloseable {

  public static final String APP_A = "app-a";
  public static final String APP_B = "app-b";

  private final AppConfig config;
  private final Server server;
  private final WebClient client;
  private final String keyA;
  private final String keyB;

  private TestServer(AppConfig config, Server server) {
    this.config = config;
    this.server = server;
    this.client = CheckedWebClient.create(server.vertx(), new WebClientOptions()
        .setDefaultHost("localhost")
        .setDefaultPort(server.port()),
        new PoolOptions().setHttp1MaxSize(16));
    this.keyA = ApiKeys.create(server.statements(), APP_A).await();
    this.keyB = ApiKeys.create(server.statements(), APP_B).await();
  }

  public static TestServer start() {
    return start(UnaryOperator.identity());
  }

  /**
   * adjust: changes to the configuration the service starts with (port 0, a fresh database and an access log in a
   * file of its own, flushed every 20 ms, are given).
   */
  public static TestServer start(UnaryOperator<AppConfig> adjust) {
    AppConfig.Db db = TestDatabase.create();
    AppConfig loaded = AppConfig.load(env(db));
    AppConfig.AccessLogging accessLog = loaded.accessLog();
    AppConfig config = adjust.apply(loaded.withAccessLog(new AppConfig.AccessLogging(accessLog.enabled(),
        accessLog.sampleRate(), 20, accessLog.maxQueuedChunks(), accessLogFile().toString(), accessLog.json())));
    return new TestServer(config, Server.start(config));
  }

  /** The lines of this server's access log written so far. */
  public List<String> accessLogLines() {
    try {
      return Files.readAllLines(Path.of(config.accessLog().file()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path accessLogFile() {
    try {
      Path file = Files.createTempFile("access-log", ".txt");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The libpq variables and PORT=0 that make AppConfig point at db, and the transport CI asks for. */
  public static Map<String, String> env(AppConfig.Db db) {
    Map<String, String> env = new HashMap<>();
    env.put("PGHOST", db.host());
    env.put("PGPORT", String.valueOf(db.port()));
    env.put("PGDATABASE", db.database());
    env.put("PGUSER", db.user());
    if (db.password() != null) {
      env.put("PGPASSWORD", db.password());
    }
    env.put("PORT", "0");
    return withTransport(env);
  }

  /**
   * env, and the IO_TRANSPORT of this process if it has one. CI runs the edge and ops tests a second time on Java
   * NIO (IO_TRANSPORT=nio), the transport of an image whose seccomp profile refuses io_uring: the services the
   * tests start follow it.
   */
  public static Map<String, String> withTransport(Map<String, String> env) {
    Map<String, String> with = new HashMap<>(env);
    String transport = System.getenv("IO_TRANSPORT");
    if (transport != null) {
      with.put("IO_TRANSPORT", transport);
    }
    return with;
  }

  public AppConfig config() {
    return config;
  }

  public Server server() {
    return server;
  }

  public WebClient client() {
    return client;
  }

  public String keyA() {
    return keyA;
  }

  public String keyB() {
    return keyB;
  }

  /** A request with app A's key. */
  public HttpRequest<Buffer> as(String key, HttpMethod method, String uri) {
    HttpRequest<Buffer> request = client.request(method, uri);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    return request;
  }

  public Reply send(HttpRequest<Buffer> request) {
    return await(request.send());
  }

  public Reply sendJson(HttpRequest<Buffer> request, Object json) {
    String text = json instanceof String ? (String) json : ((JsonObject) json).encode();
    if (!request.headers().contains("Content-Type")) {
      request.putHeader("Content-Type", "application/json");
    }
    return await(request.sendBuffer(Buffer.buffer(text)));
  }

  public static Reply await(Future<HttpResponse<Buffer>> response) {
    try {
      HttpResponse<Buffer> r = response.await(30, TimeUnit.SECONDS);
      return new Reply(r.statusCode(), MultiMap.caseInsensitiveMultiMap().addAll(r.headers()), r.body());
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
      server.close();
    } finally {
      TestDatabase.drop(config.db());
    }
  }
}
