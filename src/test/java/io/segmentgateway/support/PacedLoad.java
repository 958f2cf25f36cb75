package io.segmentgateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests at a steady rate, whatever the answers (an open loop, as many clients behind a balancer send), spread
 * round robin over instances, each one recorded: when it was sent, when its answer came, its status (0: no answer).
 * On its own Vert.x, apart from the service's event loops.
 */
public final class PacedLoad implements AutoCloseable {

  /** One request: nanoTime when sent and answered, and the status. */
  public record Answer(long sentNanos, long answeredNanos, int status) {

    public long millis() {
      return TimeUnit.NANOSECONDS.toMillis(answeredNanos - sentNanos);
    }
  }

  private static final long TICK_MILLIS = 5;

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;
  private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final long startNanos = System.nanoTime();
  private long sent;
  private long timer;

  private PacedLoad(List<Integer> ports, String key, String uri, double perSecond) {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(64));
    timer = vertx.setPeriodic(TICK_MILLIS, id -> {
      long due = (long) (perSecond * (System.nanoTime() - startNanos) / 1e9);
      for (; sent < due; sent++) {
        send(ports.get((int) (sent % ports.size())), key, uri);
      }
    });
  }

  /** Starts sending at once. */
  public static PacedLoad start(List<Integer> ports, String key, String uri, double perSecond) {
    return new PacedLoad(ports, key, uri, perSecond);
  }

  /** nanoTime when it started. */
  public long startNanos() {
    return startNanos;
  }

  private void send(int port, String key, String uri) {
    long sentAt = System.nanoTime();
    inFlight.incrementAndGet();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost("localhost")
        .setPort(port)
        .setURI(uri)
        .putHeader("Authorization", "Bearer " + key)
        .setTimeout(10_000);
    client.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(ar -> {
          answers.add(new Answer(sentAt, System.nanoTime(), ar.succeeded() ? ar.result() : 0));
          inFlight.decrementAndGet();
        });
  }

  /** Stops sending, waits (up to 15 s) for the answers still due, and returns every answer, in no order. */
  public List<Answer> stop() {
    vertx.cancelTimer(timer);
    Pause.until("every request answered", () -> inFlight.get() == 0, 15_000);
    return new ArrayList<>(answers);
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
