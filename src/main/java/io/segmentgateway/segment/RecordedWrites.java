package io.segmentgateway.segment;

import static io.segmentgateway.segment.idempotency.IdempotencyRecords.INSERT_COLUMNS;
import static io.segmentgateway.segment.idempotency.IdempotencyRecords.recorded;
import static io.segmentgateway.segment.idempotency.IdempotencyRecords.recordedMembers;

import io.micrometer.core.instrument.Counter;
import io.segmentgateway.db.DbErrors;
import io.segmentgateway.db.Statements;
import io.segmentgateway.http.IdempotencyKey;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.segment.idempotency.KeyedWrite;
import io.segmentgateway.segment.validation.SegmentInput;
import io.segmentgateway.segment.wire.ConstraintsText;
import io.segmentgateway.segment.wire.SegmentRow;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The writes sent with an Idempotency-Key: SegmentRepository's statements, each wrapped so that the same statement
 * inserts the key's record from the rows it changed (a data-modifying WITH), in the same transaction and round
 * trip. A POST or DELETE skips itself when the key already has a fresh record: nothing matches, as for a missing
 * segment, and the caller answers from the record. A PATCH does not look first: a retry's record refuses its INSERT
 * with a unique violation, and with it the whole statement. Two requests with one key at once serialize on the
 * record's primary key; the second fails with a unique violation, and nothing of it is applied.
 *
 * <p>A record keeps the constraints only when the request did not send them (jsonb's text of the segment's own):
 * constraints that were sent are in the retry's body, which must be the same bytes (the fingerprint), and their
 * canonical text is made again from it (Writes.fromRecord). They are most of a record's bytes and of its WAL.
 */
final class RecordedWrites {

  /**
   * UPDATE, then $7 key, $8 fingerprint, $9 warnings. As UPDATE_MANY, it does not look for the key's record first:
   * a retry's record makes the INSERT a unique violation, nothing of the statement is applied, and Writes answers
   * from the record.
   */
  static final String UPDATE = "WITH changed AS (UPDATE segments" + SegmentRepository.SET_ONE
      + SegmentRepository.WHERE_ONE + SegmentRepository.RETURNING_SENT + "),"
      + " kept AS (INSERT INTO idempotency_records (" + INSERT_COLUMNS + ")"
      + " SELECT $1, $7, 200, $8::bytea, version, created_at, updated_at, $5::text IS NOT NULL, id, name,"
      + " description, constraints, $9::text FROM changed)"
      + " SELECT * FROM changed";

  /** UPDATE_MANY's members, with their keys, fingerprints and warnings ($7 to $9). */
  private static final String MEMBERS = " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],"
      + " $6::text[], $7::text[], $8::bytea[], $9::text[]) WITH ORDINALITY"
      + " AS p(app_id, id, name, description, constraints, versions, key, fingerprint, warnings, ord)"
      + SegmentRepository.WHERE_MANY;

  /** After the UPDATE's WHERE: its RETURNING, the records' INSERT and the statement's answer. */
  private static final String KEEP_MANY = " RETURNING" + SegmentRepository.RETURNED_MANY
      + ", p.app_id AS member_app, p.key, p.fingerprint, p.warnings, p.constraints AS sent),"
      + " kept AS (INSERT INTO idempotency_records (" + INSERT_COLUMNS + ")"
      + " SELECT member_app, key, 200, fingerprint, version, created_at, updated_at, sent IS NOT NULL, id, name,"
      + " description, constraints, warnings FROM changed WHERE key IS NOT NULL)"
      + " SELECT id, name, description, constraints, version, created_at, updated_at, ord FROM changed";

  /**
   * UPDATE_MANY with three more arrays, $7 keys, $8 fingerprints, $9 warnings (null for a member without a key):
   * still one statement and one commit for the whole batch. It does not look for the keys' records first. A key
   * that has one (a retry) makes its INSERT a unique violation, which refuses the whole statement, so that nothing
   * of it is applied, and the batch goes again as UPDATE_MANY_CHECKED. Retries are the exception and a first attempt
   * the rule: a probe of the records per member in every batch cost more than the rare batch sent twice
   * (bench/README.md, "Idempotency keys").
   */
  static final String UPDATE_MANY = "WITH changed AS (UPDATE segments s" + SegmentRepository.SET_MANY + MEMBERS
      + KEEP_MANY;

  /**
   * UPDATE_MANY, its members whose keys have a fresh record left out (they are answered from their records); $10 the
   * retention.
   */
  static final String UPDATE_MANY_CHECKED = "WITH recorded AS (SELECT "
      + recordedMembers("$1::text[]", "$7::text[]", "$10") + " AS ord),"
      + " changed AS (UPDATE segments s" + SegmentRepository.SET_MANY + MEMBERS
      // The members with a key are checked in one call, a probe of the records' primary key each.
      + " AND (p.key IS NULL OR p.ord NOT IN (SELECT ord FROM recorded))" + KEEP_MANY;

  /** INSERT, then $6 key, $7 fingerprint, $8 warnings, $9 retention. */
  static final String INSERT = "WITH changed AS (" + SegmentRepository.INSERT_INTO
      + " SELECT $1::text, $2::text, $3::text, COALESCE($4::text, ''), $5::text::jsonb"
      + " WHERE NOT " + recorded("$1::text", "$6::text", "$9") + SegmentRepository.RETURNING_SENT + "),"
      + " kept AS (INSERT INTO idempotency_records (" + INSERT_COLUMNS + ")"
      + " SELECT $1, $6, 201, $7::bytea, version, created_at, updated_at, true, id, name, description, NULL,"
      + " $8::text FROM changed)"
      + " SELECT * FROM changed";

  /** DELETE, then $4 key, $5 fingerprint, $6 retention; a 204 keeps nothing but its status. */
  static final String DELETE = "WITH changed AS (" + SegmentRepository.DELETE
      + " AND NOT " + recorded("$1", "$4::text", "$6") + " RETURNING id),"
      + " kept AS (INSERT INTO idempotency_records (app_id, key, status, fingerprint)"
      + " SELECT $1, $4, 204, $5::bytea FROM changed)"
      + " SELECT id FROM changed";

  /** For a PATCH or DELETE, a unique violation is the key's record, taken by a request that committed first. */
  private static final Statements.Refusals KEY_TAKEN = refusal -> DbErrors.isUniqueViolation(refusal)
      ? new ProblemException(IdempotencyKey.inUse(), refusal)
      : SegmentRepository.UNSTORABLE.problem(refusal);

  private final Statements statements;
  private final double retentionSeconds;
  private final Counter rechecked;

  RecordedWrites(Statements statements, double retentionSeconds, Counter rechecked) {
    this.statements = statements;
    this.retentionSeconds = retentionSeconds;
    this.rechecked = rechecked;
  }

  /** The updated row, or null when none matched (missing, If-Match); a recorded key fails the statement. */
  Future<SegmentRow> update(Patch patch) {
    SegmentInput input = patch.input();
    KeyedWrite keyed = patch.keyed();
    String constraints = ConstraintsText.of(input.constraints());
    Tuple values = Tuple.of(patch.appId(), input.id(), input.name(), input.description(), constraints,
        patch.versions(), keyed.key(), keyed.fingerprintBytes(), keyed.warnings());
    return statements.run(UPDATE, values, KEY_TAKEN)
        .map(rows -> rows.size() == 1 ? SegmentRow.of(rows.iterator().next(), constraints) : null);
  }

  /** As SegmentRepository.updateMany, for a batch in which some members carry a key. */
  Future<SegmentRow[]> updateMany(List<Patch> patches) {
    int n = patches.size();
    String[] constraints = new String[n];
    String[] keys = new String[n];
    Buffer[] fingerprints = new Buffer[n];
    String[] warnings = new String[n];
    for (int i = 0; i < n; i++) {
      KeyedWrite keyed = patches.get(i).keyed();
      if (keyed != null) {
        keys[i] = keyed.key();
        fingerprints[i] = keyed.fingerprintBytes();
        warnings[i] = keyed.warnings();
      }
    }
    Tuple values = SegmentRepository.manyValues(patches, constraints)
        .addValue(keys)
        .addValue(fingerprints)
        .addValue(warnings);
    return statements.run(UPDATE_MANY, values)
        .recover(failure -> {
          if (!DbErrors.isUniqueViolation(failure.getCause())) {
            return Future.failedFuture(failure);
          }
          rechecked.increment();
          return statements.run(UPDATE_MANY_CHECKED, values.addValue(retentionSeconds));
        })
        .map(rows -> SegmentRepository.byMember(rows, constraints));
  }

  /** The created row, or null when the key already has a record; a taken id is a 409 (cause kept). */
  Future<SegmentRow> create(String appId, String id, SegmentInput input, KeyedWrite keyed) {
    String constraints = ConstraintsText.of(input.constraints());
    Tuple values = Tuple.of(appId, id, input.name(), input.description(), constraints, keyed.key(),
        keyed.fingerprintBytes(), keyed.warnings(), retentionSeconds);
    return statements.run(INSERT, values, SegmentRepository.taken(id))
        .map(rows -> rows.size() == 1 ? SegmentRow.of(rows.iterator().next(), constraints) : null);
  }

  /**
   * True when the segment was deleted; false when there was none (at the versions If-Match names, null for any), or
   * the key already has a record.
   */
  Future<Boolean> delete(String appId, String id, Long[] versions, KeyedWrite keyed) {
    Tuple values = Tuple.of(appId, id, versions, keyed.key(), keyed.fingerprintBytes(), retentionSeconds);
    return statements.run(DELETE, values, KEY_TAKEN)
        .map(rows -> rows.size() == 1);
  }
}
