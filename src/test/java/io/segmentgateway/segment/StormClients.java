package io.segmentgateway.segment;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The clients of RetryStormTest, on one event loop of their own (their bookkeeping needs no lock). Each lives a
 * loop: create a segment, patch its description or constraints one to five times, delete it three times in ten,
 * and again; every write with a
 * new key, retried with that key after a 503, a 409 in progress or a lost connection until it is answered. One
 * write in ten is sent twice: one in fifty both at once, the others once more after the first answer.
 */
final class StormClients {

  /** What the clients saw, and what they made the database hold. */
  record Result(Map<String, Integer> segments, Set<String> deleted, List<String> unexpected, int unresolved,
      Set<String> twiceFresh, Set<String> differentOutcomes, long writes, long replays, long retryable,
      String summary) {
  }

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final WebClient client;
  private final String apiKey;
  private final int clients;
  private final Random random = new Random(42);
  private final Map<String, Integer> segments = new HashMap<>();
  private final Set<String> deleted = new HashSet<>();
  private final Map<String, String> outcomes = new HashMap<>();
  private final Map<String, Integer> fresh = new HashMap<>();
  private final Set<String> twiceFresh = new HashSet<>();
  private final Set<String> differentOutcomes = new HashSet<>();
  private final List<String> unexpected = new ArrayList<>();
  private final Map<String, Integer> statuses = new TreeMap<>();
  private final Map<String, Integer> writesByKind = new TreeMap<>();
  private long requests;
  private long connectionErrors;
  private long retryable;
  private long replays;
  private long resentAfter;
  private long resentTogether;
  private int unresolved;
  private long trafficEnd;
  private long hardEnd;
  private final CompletableFuture<Void> lives = new CompletableFuture<>();

  StormClients(int port, String apiKey, int clients) {
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(port)
        .setConnectTimeout(2_000), new PoolOptions().setHttp1MaxSize(clients * 2));
    this.apiKey = apiKey;
    this.clients = clients;
  }

  /** trafficMillis: when clients stop starting segments; hardMillis: when a write still unanswered gives up. */
  void start(long trafficMillis, long hardMillis) {
    long now = System.nanoTime();
    trafficEnd = now + TimeUnit.MILLISECONDS.toNanos(trafficMillis);
    hardEnd = now + TimeUnit.MILLISECONDS.toNanos(hardMillis);
    vertx.runOnContext(v -> {
      List<Future<Void>> all = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        all.add(life(c, 0));
      }
      Future.join(all).onComplete(done -> {
        for (Future<Void> life : all) {
          if (life.failed()) {
            unexpected.add("a client stopped: " + life.cause().getMessage());
          }
        }
        lives.complete(null);
      });
    });
  }

  Result await(long millis) throws Exception {
    lives.get(millis, TimeUnit.MILLISECONDS);
    CompletableFuture<Result> result = new CompletableFuture<>();
    vertx.runOnContext(v -> result.complete(result()));
    Result done = result.get(5, TimeUnit.SECONDS);
    vertx.close();
    return done;
  }

  private Result result() {
    long writes = writesByKind.values().stream().mapToLong(Integer::longValue).sum();
    String summary = clients + " clients, " + writes + " writes " + writesByKind + ", " + resentAfter
        + " resent after their answer, " + resentTogether + " sent twice at once; " + requests + " requests: "
        + statuses + ", " + connectionErrors + " connection errors; " + replays + " replays, " + retryable
        + " retryable answers (503, 409), " + unexpected.size() + " unexpected, " + unresolved + " unresolved; "
        + segments.size() + " segments created, " + deleted.size() + " deleted";
    return new Result(Map.copyOf(segments), Set.copyOf(deleted), List.copyOf(unexpected), unresolved,
        Set.copyOf(twiceFresh), Set.copyOf(differentOutcomes), writes, replays, retryable, summary);
  }

  private Future<Void> life(int c, int n) {
    if (System.nanoTime() > trafficEnd) {
      return Future.succeededFuture();
    }
    String create = "{\"name\":\"storm " + c + " " + n + "\",\"constraints\":[{\"type\":\"AND\",\"constraints\":"
        + "[{\"field\":\"country\",\"relation\":\"==\",\"value\":\"PL\"}]}]}";
    return send("POST", HttpMethod.POST, "/v1/segments", create)
        .compose(reply -> {
          if (reply.statusCode() != 201) {
            return Future.failedFuture("the create was answered " + reply.statusCode());
          }
          String id = reply.bodyAsJsonObject().getString("id");
          segments.putIfAbsent(id, 0);
          return patches(id, 1 + random.nextInt(5));
        })
        .compose(id -> random.nextInt(10) < 3
            ? send("DELETE", HttpMethod.DELETE, "/v1/segments/" + id, null).map(r -> {
              if (r.statusCode() == 204) {
                deleted.add(id);
              }
              return null;
            })
            : Future.<Void>succeededFuture())
        .compose(v -> life(c, n + 1));
  }

  private Future<String> patches(String id, int left) {
    if (left == 0) {
      return Future.succeededFuture(id);
    }
    // Names stay as created (each create's own), so that a segment created twice shows as a name held twice.
    String body = left % 2 == 0 ? "{\"id\":\"" + id + "\",\"description\":\"change " + left + "\"}"
        : "{\"id\":\"" + id + "\",\"constraints\":[{\"type\":\"OR\",\"constraints\":[{\"field\":\"tags\","
            + "\"relation\":\"contains\",\"value\":\"change " + left + "\"}]}]}";
    return send("PATCH", HttpMethod.PATCH, "/v1/segments", body)
        .compose(reply -> {
          if (reply.statusCode() == 200) {
            segments.merge(id, 1, Integer::sum);
          }
          return patches(id, left - 1);
        });
  }

  /** One write with a new key; one in ten sent twice (one in fifty both at once). */
  private Future<HttpResponse<Buffer>> send(String kind, HttpMethod method, String uri, String body) {
    writesByKind.merge(kind, 1, Integer::sum);
    String key = UUID.randomUUID().toString();
    int dice = random.nextInt(100);
    if (dice < 2) {
      resentTogether++;
      Future<HttpResponse<Buffer>> one = untilAnswered(kind, method, uri, key, body);
      Future<HttpResponse<Buffer>> two = untilAnswered(kind, method, uri, key, body);
      return Future.all(one, two).map(both -> one.result());
    }
    Future<HttpResponse<Buffer>> first = untilAnswered(kind, method, uri, key, body);
    if (dice < 10) {
      resentAfter++;
      return first.compose(answer -> untilAnswered(kind, method, uri, key, body).map(again -> answer));
    }
    return first;
  }

  private Future<HttpResponse<Buffer>> untilAnswered(String kind, HttpMethod method, String uri, String key,
      String body) {
    if (System.nanoTime() > hardEnd) {
      unresolved++;
      return Future.failedFuture(kind + " " + uri + " with key " + key + " was never answered");
    }
    requests++;
    HttpRequest<Buffer> request = client.request(method, uri)
        .timeout(5_000)
        .putHeader("Authorization", "Bearer " + apiKey)
        .putHeader("Idempotency-Key", "\"" + key + "\"");
    Future<HttpResponse<Buffer>> sent = body == null ? request.send()
        : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
    return sent.transform(ar -> {
      if (ar.failed()) {
        connectionErrors++;
        return later(kind, method, uri, key, body);
      }
      HttpResponse<Buffer> response = ar.result();
      int status = response.statusCode();
      statuses.merge(kind + " " + status, 1, Integer::sum);
      if (status == 503 || status == 409 && response.bodyAsString().contains("idempotency-key-in-use")) {
        retryable++;
        return later(kind, method, uri, key, body);
      }
      if (status == (kind.equals("POST") ? 201 : kind.equals("PATCH") ? 200 : 204)) {
        outcome(key, response);
      } else {
        unexpected.add(kind + " " + uri + " -> " + status + " " + response.bodyAsString());
      }
      return Future.succeededFuture(response);
    });
  }

  private Future<HttpResponse<Buffer>> later(String kind, HttpMethod method, String uri, String key, String body) {
    return vertx.timer(50 + random.nextInt(150))
        .compose(t -> untilAnswered(kind, method, uri, key, body));
  }

  /** Every answer for one key must be the same; at most one of them a change made then (not a replay). */
  private void outcome(String key, HttpResponse<Buffer> response) {
    if ("true".equals(response.getHeader(KeyedRequests.REPLAYED))) {
      replays++;
    } else if (fresh.merge(key, 1, Integer::sum) > 1) {
      twiceFresh.add(key);
    }
    String seen = response.statusCode() + " " + response.getHeader("ETag") + " " + response.bodyAsString();
    String before = outcomes.putIfAbsent(key, seen);
    if (before != null && !before.equals(seen)) {
      differentOutcomes.add(key);
    }
  }
}
