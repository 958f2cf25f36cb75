package io.segmentgateway.segment.idempotency;

import io.segmentgateway.db.Statements;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/**
 * The SQL of idempotency_records (migration V5; its probes are the functions of migrations V6 and V7, in PL/pgSQL
 * since V8) apart from the inserts, which ride in the writes' own statements (segment.RecordedWrites). A record is
 * fresh for retentionSeconds after its write; an older one is treated as gone by every statement, whether or not
 * RecordExpiry has deleted it yet.
 */
public final class IdempotencyRecords {

  /** The columns a write's statement inserts, in this order. */
  public static final String INSERT_COLUMNS = "app_id, key, status, fingerprint, version, segment_created_at,"
      + " segment_updated_at, constraints_canonical, segment_id, name, description, constraints, warnings";

  // The statements call the functions of migrations V6 to V8, whose plans can only probe the table's indexes: a plan
  // prepared while the table was empty would otherwise read the whole table once it has grown. PL/pgSQL (V8) keeps a
  // function's plan for its connection; a SQL function with a SET clause was planned again on every call.
  static final String FIND = "SELECT " + StoredOutcome.COLUMNS + " FROM idempotency_record($1, $2, $3::float8)";

  /** A key's expired record, which would otherwise refuse the key's next first use until it is deleted. */
  static final String DELETE_EXPIRED = "SELECT idempotency_delete_expired($1, $2, $3::float8)";

  /**
   * At most $2 expired records, the oldest first; rows another instance is deleting are skipped, not waited for.
   * Small statements, so that no lock or WAL burst of a big DELETE ever reaches the writes.
   */
  static final String EXPIRE = "SELECT idempotency_expire($1::float8, $2::int8)";

  private final Statements statements;
  private final double retentionSeconds;

  public IdempotencyRecords(Statements statements, double retentionSeconds) {
    this.statements = statements;
    this.retentionSeconds = retentionSeconds;
  }

  /**
   * The condition "a fresh record of this app and key exists", for a write's statement to skip itself by; app, key
   * and retentionSeconds are the SQL expressions (parameters) that hold them. A call of migration V6's function,
   * not a subquery: one probe of the primary key per write, never a scan or a hash of the table.
   */
  public static String recorded(String app, String key, String retentionSeconds) {
    return "idempotency_recorded(" + app + ", " + key + ", " + retentionSeconds + "::float8)";
  }

  /**
   * The ordinals (as unnest ... WITH ORDINALITY numbers them) of the members of a batch whose app and key have a
   * fresh record: a set-returning call of migration V7's function, once per statement, each member one probe of
   * the primary key. apps and keys are the SQL expressions of the batch's arrays (a null key: a member without).
   */
  public static String recordedMembers(String apps, String keys, String retentionSeconds) {
    return "idempotency_recorded_members(" + apps + ", " + keys + ", " + retentionSeconds + "::float8)";
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
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Deletes up to limit expired records; how many it deleted. */
  Future<Integer> expire(int limit) {
    return statements.run(EXPIRE, Tuple.of(retentionSeconds, (long) limit))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }
}
