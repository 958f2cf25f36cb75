package io.segmentgateway.segment.idempotency;

import io.segmentgateway.db.Statements;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/**
 * The SQL of idempotency_records (migration V5) apart from the inserts, which ride in the writes' own statements
 * (segment.RecordedWrites). A record is fresh for retentionSeconds after its write; an older one is treated as
 * gone by every statement, whether or not RecordExpiry has deleted it yet.
 */
public final class IdempotencyRecords {

  /** The columns a write's statement inserts, in this order. */
  public static final String INSERT_COLUMNS = "app_id, key, status, fingerprint, version, segment_created_at,"
      + " segment_updated_at, constraints_canonical, segment_id, name, description, constraints, warnings";

  static final String FIND = "SELECT " + StoredOutcome.COLUMNS + " FROM idempotency_records"
      + " WHERE app_id = $1 AND key = $2 AND " + fresh("created_at", "$3");

  /** A key's expired record, which would otherwise refuse the key's next first use until it is deleted. */
  static final String DELETE_EXPIRED = "DELETE FROM idempotency_records"
      + " WHERE app_id = $1 AND key = $2 AND NOT " + fresh("created_at", "$3");

  /**
   * At most $2 expired records, the oldest first; rows another instance is deleting are skipped, not waited for.
   * Small statements, so that no lock or WAL burst of a big DELETE ever reaches the writes. The order keeps the
   * plan on the created_at index even when it is prepared for any cutoff (a generic plan would otherwise guess a
   * third of the rows expired and scan the table for them).
   */
  static final String EXPIRE = "DELETE FROM idempotency_records WHERE ctid = ANY(ARRAY("
      + "SELECT ctid FROM idempotency_records WHERE NOT " + fresh("created_at", "$1")
      + " ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED))";

  private final Statements statements;
  private final double retentionSeconds;

  public IdempotencyRecords(Statements statements, double retentionSeconds) {
    this.statements = statements;
    this.retentionSeconds = retentionSeconds;
  }

  /**
   * The condition "a fresh record of this app and key exists", for a write's statement to skip itself by; app, key
   * and retentionSeconds are the SQL expressions (parameters) that hold them.
   */
  public static String recorded(String app, String key, String retentionSeconds) {
    return "EXISTS (SELECT 1 FROM idempotency_records r WHERE r.app_id = " + app + " AND r.key = " + key + " AND "
        + fresh("r.created_at", retentionSeconds) + ")";
  }

  /** created_at within the retention; a parameter of float8 seconds, so that the setting can change freely. */
  private static String fresh(String createdAt, String retentionSeconds) {
    return createdAt + " > now() - " + retentionSeconds + "::float8 * interval '1 second'";
  }

  public double retentionSeconds() {
    return retentionSeconds;
  }

  /** The key's fresh record, or null when it has none. */
  public Future<StoredOutcome> find(String appId, String key) {
    return statements.run(FIND, Tuple.of(appId, key, retentionSeconds))
        .map(rows -> rows.size() == 0 ? null : StoredOutcome.of(rows.iterator().next()));
  }

  /** Deletes the key's record if it has expired; true when there was one. */
  public Future<Boolean> deleteExpired(String appId, String key) {
    return statements.run(DELETE_EXPIRED, Tuple.of(appId, key, retentionSeconds))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Deletes up to limit expired records; how many it deleted. */
  Future<Integer> expire(int limit) {
    return statements.run(EXPIRE, Tuple.of(retentionSeconds, (long) limit))
        .map(rows -> rows.rowCount());
  }
}
