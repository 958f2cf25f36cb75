package io.segmentgateway.auth;

import io.segmentgateway.db.Statements;
import io.segmentgateway.http.Base62;
import io.segmentgateway.ratelimit.Limit;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/** API keys: "sgk_" + 32 base62 characters, stored only as their SHA-256, each belonging to one app. */
public final class ApiKeys {

  static final String INSERT =
      "INSERT INTO api_keys (key_hash, app_id, rate_per_second, rate_burst) VALUES ($1, $2, $3, $4)";
  static final String REVOKE = "UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1 AND revoked_at IS NULL";
  static final String SET_LIMIT =
      "UPDATE api_keys SET rate_per_second = $2, rate_burst = $3 WHERE key_hash = $1 AND revoked_at IS NULL";
  static final String FIND =
      "SELECT app_id, rate_per_second, rate_burst FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL";

  private static final String PREFIX = "sgk_";
  private static final Pattern KEY_FORMAT = Pattern.compile("sgk_[A-Za-z0-9]{32}");
  private static final Pattern APP_FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  });

  private ApiKeys() {
  }

  public static String generate() {
    return PREFIX + Base62.random(32);
  }

  /** Cheap shape check, so that junk never costs a hash or a lookup. */
  public static boolean wellFormed(String key) {
    return key != null && KEY_FORMAT.matcher(key).matches();
  }

  public static boolean validAppId(String appId) {
    return appId != null && APP_FORMAT.matcher(appId).matches();
  }

  /**
   * SHA-256 of the key. Every request hashes its key: a digest per thread (each event loop has one) saves the
   * provider lookup of MessageDigest.getInstance, which cost more than the hashing itself.
   */
  public static byte[] hash(String key) {
    return SHA_256.get().digest(key.getBytes(StandardCharsets.US_ASCII));
  }

  /** Stores a new key for appId and returns its text: the only time the text exists outside the client. */
  public static Future<String> create(Statements statements, String appId) {
    return create(statements, appId, null);
  }

  /** The same, with the key's own rate limit (null: the service's defaults). */
  public static Future<String> create(Statements statements, String appId, Limit limit) {
    if (!validAppId(appId)) {
      return Future.failedFuture(new IllegalArgumentException("an app id is 1-64 characters of [A-Za-z0-9._-]"));
    }
    String key = generate();
    return statements
        .run(INSERT, Tuple.of(Buffer.buffer(hash(key)), appId, rate(limit), burst(limit)))
        .map(rows -> key);
  }

  /**
   * Gives an active key its own rate limit, or (limit null) the service's defaults again; every instance applies it
   * with the key's next request (migration V3 announces the change). False when no active key has that text.
   */
  public static Future<Boolean> setLimit(Statements statements, String key, Limit limit) {
    return statements
        .run(SET_LIMIT, Tuple.of(Buffer.buffer(hash(key)), rate(limit), burst(limit)))
        .map(rows -> rows.rowCount() > 0);
  }

  /** True when an active key was revoked; false when no active key has that text. */
  public static Future<Boolean> revoke(Statements statements, String key) {
    return statements
        .run(REVOKE, Tuple.of(Buffer.buffer(hash(key))))
        .map(rows -> rows.rowCount() > 0);
  }

  /** The active key with this hash, or null when there is none (unknown or revoked). */
  static Future<ApiKey> find(Statements statements, byte[] keyHash) {
    return statements
        .run(FIND, Tuple.of(Buffer.buffer(keyHash)))
        .map(rows -> {
          RowIterator<Row> it = rows.iterator();
          if (!it.hasNext()) {
            return null;
          }
          Row row = it.next();
          Double rate = row.getDouble(1);
          return new ApiKey(row.getString(0), rate == null ? null : Limit.of(rate, row.getInteger(2)));
        });
  }

  private static Double rate(Limit limit) {
    return limit == null ? null : limit.perSecond();
  }

  private static Integer burst(Limit limit) {
    return limit == null ? null : limit.burst();
  }
}
