package io.segmentgateway.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Requests the WebClient does not make: a chunked body without Content-Length. */
public final class RawHttp {

  private RawHttp() {
  }

  public static Reply sendChunked(TestServer server, String key, String path, Buffer body) {
    HttpClientAgent client = server.server().vertx().createHttpClient();
    try {
      return client.request(HttpMethod.POST, server.server().port(), "localhost", path)
          .compose(request -> {
            request.setChunked(true)
                .putHeader("Content-Type", "application/json")
                .putHeader("Authorization", "Bearer " + key);
            return request.send(body);
          })
          .compose(response -> response.body()
              .map(b -> new Reply(response.statusCode(),
                  MultiMap.caseInsensitiveMultiMap().addAll(response.headers()), b)))
          .await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    } finally {
      close(client);
    }
  }

  private static void close(HttpClient client) {
    client.close().await();
  }
}
