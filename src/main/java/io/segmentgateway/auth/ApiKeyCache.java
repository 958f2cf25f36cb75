package io.segmentgateway.auth;

import io.segmentgateway.AppConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Key hash -> app, remembered for a few seconds (unknown keys too), so that a request with a known key costs
 * no database round trip, and a revoked key stops working once its entry expires. Shared by all event loops.
 */
public final class ApiKeyCache {

  private static final HexFormat HEX = HexFormat.of();

  /** app completes with the app id, or with null for a key that is unknown or revoked. */
  private record Entry(Future<String> app, long expiresAtNanos) {
  }

  private final SqlClient client;
  private final long ttlNanos;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  public ApiKeyCache(SqlClient client, AppConfig.Keys settings) {
    this.client = client;
    this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(settings.cacheTtlMillis());
    this.maxEntries = settings.cacheMaxEntries();
  }

  /** The app of an active key, or null; a failed future when the database cannot be asked. */
  public Future<String> appFor(String key) {
    byte[] hash = ApiKeys.hash(key);
    String cacheKey = HEX.formatHex(hash);
    long now = System.nanoTime();
    Entry entry = entries.get(cacheKey);
    if (entry != null && entry.expiresAtNanos - now > 0) {
      return entry.app;
    }
    return ApiKeys.findApp(client, hash)
        .andThen(ar -> {
          if (ar.succeeded()) {
            remember(cacheKey, new Entry(Future.succeededFuture(ar.result()), now + ttlNanos));
          }
        });
  }

  private void remember(String cacheKey, Entry entry) {
    if (entries.size() >= maxEntries) {
      evict();
    }
    entries.put(cacheKey, entry);
  }

  /** Rare (only when full): drop expired entries, and everything if that is not enough (e.g. a flood of junk keys). */
  private void evict() {
    long now = System.nanoTime();
    entries.values().removeIf(e -> e.expiresAtNanos - now <= 0);
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
  }

  int size() {
    return entries.size();
  }
}
