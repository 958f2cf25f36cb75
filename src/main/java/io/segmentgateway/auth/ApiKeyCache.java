package io.segmentgateway.auth;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Statements;
import io.vertx.core.Future;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Key hash -> the key (its app and its own rate limit), remembered for a few seconds (unknown keys too), so that a request with a known key costs
 * no database round trip. A key that changes in the database is forgotten at once when KeyRevocations hears of
 * it, and in any case once its entry expires. Shared by all event loops.
 */
public final class ApiKeyCache {

  private static final HexFormat HEX = HexFormat.of();

  /** key completes with the key, or with null for a key that is unknown or revoked. */
  private record Entry(Future<ApiKey> key, long expiresAtNanos) {
  }

  private final long ttlNanos;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  /** Counts forget() and clear() calls: a lookup that overlapped one is used once but not remembered. */
  private final AtomicLong invalidations = new AtomicLong();

  public ApiKeyCache(AppConfig.Keys settings) {
    this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(settings.cacheTtlMillis());
    this.maxEntries = settings.cacheMaxEntries();
  }

  /** How a key is named in memory (this cache, the rate limiter): its SHA-256 in hex; the key text is never kept. */
  public static String idOf(String key) {
    return HEX.formatHex(ApiKeys.hash(key));
  }

  /**
   * An active key, by its id (idOf), or null; a failed future when the database cannot be asked.
   * statements: the caller's own pool, which a cache miss asks (bounded by the query timeout: a lookup the database
   * does not answer in time is a 503, it never hangs the request).
   */
  public Future<ApiKey> find(String keyId, Statements statements) {
    long now = System.nanoTime();
    Entry entry = entries.get(keyId);
    if (entry != null && entry.expiresAtNanos - now > 0) {
      return entry.key;
    }
    long seen = invalidations.get();
    return ApiKeys.find(statements, HEX.parseHex(keyId))
        .andThen(ar -> {
          if (ar.succeeded()) {
            remember(keyId, new Entry(Future.succeededFuture(ar.result()), now + ttlNanos), seen);
          }
        });
  }

  /** Drops one key at once: the database says it was revoked, deleted or changed (its app or its limit). */
  public void forget(String keyId) {
    invalidations.incrementAndGet();
    entries.remove(keyId);
  }

  /** Drops every key: changes may have been missed (the notifications were away). */
  public void clear() {
    invalidations.incrementAndGet();
    entries.clear();
  }

  /**
   * The answer may predate a revocation whose notice came while the query was out; the notice then already
   * removed the key, and putting the answer back would keep a revoked key for a whole TTL. Checking after the
   * put closes the race with a forget() on another thread: either it removes this entry, or this sees its count.
   */
  private void remember(String keyId, Entry entry, long seen) {
    if (entries.size() >= maxEntries) {
      evict();
    }
    entries.put(keyId, entry);
    if (invalidations.get() != seen) {
      entries.remove(keyId, entry);
    }
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
