package io.segmentgateway.segment;

import io.segmentgateway.db.DbErrors;
import io.segmentgateway.db.Statements;
import io.segmentgateway.http.BodyProblem;
import io.segmentgateway.http.IfMatch;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.segment.validation.SegmentInput;
import io.segmentgateway.segment.wire.ConstraintsText;
import io.segmentgateway.segment.wire.SegmentRow;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * All SQL of segments, as prepared statements with values only in Tuples, each run through Statements. Every
 * statement is scoped by app: another app's segment is simply not there. Fails with ProblemException (404, 409,
 * 412, 503) when the client should hear why. A write returns the constraints only when the request did not send
 * them (SegmentRow.of): the text it sent is what was stored.
 */
public final class SegmentRepository {

  /**
   * The columns SegmentRow reads, in this order; the constraints as jsonb's text, which SegmentWriter copies to
   * the response: the client then does not decode them into a tree that would only be encoded again.
   */
  static final String WIRE_COLUMNS = "id, name, description, constraints::text, version, created_at, updated_at";

  /** WIRE_COLUMNS of a write whose constraints were sent as $5: the text bound is what the row holds. */
  static final String RETURNING_SENT = " RETURNING id, name, description,"
      + " CASE WHEN $5::text IS NULL THEN constraints::text END AS constraints, version, created_at, updated_at";

  static final String INSERT_INTO = "INSERT INTO segments (app_id, id, name, description, constraints)";

  static final String INSERT = INSERT_INTO
      + " VALUES ($1, $2, $3, COALESCE($4, ''), $5::text::jsonb)"
      + RETURNING_SENT;

  /** Later than the last change even within one millisecond, so that updatedAt follows version. */
  private static final String NEXT_UPDATED_AT = "greatest(now(), updated_at + interval '1 millisecond')";

  /** The changes of UPDATE: only the members sent (non-null) change, so concurrent PATCHes of other fields survive. */
  static final String SET_ONE = " SET"
      + " name = COALESCE($3, name),"
      + " description = COALESCE($4, description),"
      + " constraints = COALESCE($5::text::jsonb, constraints),"
      + " version = version + 1,"
      + " updated_at = " + NEXT_UPDATED_AT;

  /** The row of UPDATE: the app's segment, at a version If-Match names ($6; null for any). */
  static final String WHERE_ONE = " WHERE app_id = $1 AND id = $2"
      + " AND ($6::int8[] IS NULL OR version = ANY($6::int8[]))";

  /** One atomic statement. */
  static final String UPDATE = "UPDATE segments" + SET_ONE + WHERE_ONE + RETURNING_SENT;

  /** The changes of UPDATE_MANY, member p of segment s. */
  static final String SET_MANY = " SET"
      + " name = COALESCE(p.name, s.name),"
      + " description = COALESCE(p.description, s.description),"
      + " constraints = COALESCE(p.constraints::jsonb, s.constraints),"
      + " version = s.version + 1,"
      + " updated_at = greatest(now(), s.updated_at + interval '1 millisecond')";

  static final String WHERE_MANY = " WHERE s.app_id = p.app_id COLLATE \"C\" AND s.id = p.id COLLATE \"C\""
      + " AND (p.versions IS NULL OR s.version = ANY(p.versions::int8[]))";

  /** WIRE_COLUMNS of UPDATE_MANY's rows, then ord. */
  static final String RETURNED_MANY = " s.id, s.name, s.description,"
      + " CASE WHEN p.constraints IS NULL THEN s.constraints::text END AS constraints, s.version, s.created_at,"
      + " s.updated_at, p.ord";

  /**
   * The UPDATE of several PATCHes in one statement and one commit (PatchBatcher): the same change as UPDATE for
   * each member of the arrays, matched to its row by key; ord, the member's place in the arrays (from 1), comes
   * back after the columns. A member whose row did not match (missing, or If-Match) returns nothing. versions
   * are int8[] literals in text, so that each member has its own list.
   */
  static final String UPDATE_MANY = "UPDATE segments s" + SET_MANY
      + " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY"
      + " AS p(app_id, id, name, description, constraints, versions, ord)"
      + WHERE_MANY
      + " RETURNING" + RETURNED_MANY;

  /**
   * A dry-run PATCH: the row UPDATE would return, read and not written (the same merge of members, version and
   * updatedAt), under the same If-Match condition.
   */
  static final String PREVIEW_UPDATE = "SELECT id, COALESCE($3, name), COALESCE($4, description),"
      + " COALESCE($5::text::jsonb, constraints)::text, version + 1, created_at, " + NEXT_UPDATED_AT
      + " FROM segments WHERE app_id = $1 AND id = $2 AND ($6::int8[] IS NULL OR version = ANY($6::int8[]))";

  /**
   * A dry-run POST: the row INSERT would return (version 1 and both times now, as the columns' defaults give), and
   * whether the id is taken in the app (false for a null id, which leaves the id to the server).
   */
  static final String PREVIEW_INSERT = "SELECT $2::text, $3::text, COALESCE($4::text, ''), $5::text::jsonb::text,"
      + " 1::int8, now(), now(), EXISTS (SELECT 1 FROM segments WHERE app_id = $1 AND id = $2)";

  static final String VERSION_OF = "SELECT version FROM segments WHERE app_id = $1 AND id = $2";

  static final String FIND = "SELECT " + WIRE_COLUMNS + " FROM segments WHERE app_id = $1 AND id = $2";

  /** FIND of several segments in one statement (Batcher): ord, each key's place in the arrays (from 1), last. */
  static final String FIND_MANY = "SELECT s.id, s.name, s.description, s.constraints::text, s.version, s.created_at,"
      + " s.updated_at, p.ord FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(app_id, id, ord)"
      + " JOIN segments s ON s.app_id = p.app_id COLLATE \"C\" AND s.id = p.id COLLATE \"C\"";

  /** Keyset paging on the primary key; "" sorts before every id. */
  static final String PAGE = "SELECT " + WIRE_COLUMNS + " FROM segments"
      + " WHERE app_id = $1 AND id > $2 ORDER BY id LIMIT $3";

  /** The app's segment, at a version If-Match names ($3; null for any). */
  static final String DELETE = "DELETE FROM segments WHERE app_id = $1 AND id = $2"
      + " AND ($3::int8[] IS NULL OR version = ANY($3::int8[]))";

  /** A value the rules let through and PostgreSQL will not store (text with U+0000): the client's data, a 400. */
  static final Statements.Refusals UNSTORABLE = refusal -> DbErrors.isDataException(refusal)
      ? new ProblemException(Problem.validation(List.of(new BodyProblem("",
          "a text value contains a character that cannot be stored (U+0000)", BodyProblem.Source.RULE))), refusal)
      : null;

  /** One page of segments; more is true when segments follow the last one. */
  public record Page(List<SegmentRow> segments, boolean more) {
  }

  private final Statements statements;

  public SegmentRepository(Statements statements) {
    this.statements = statements;
  }

  public Future<SegmentRow> create(String appId, String id, SegmentInput input) {
    String constraints = ConstraintsText.of(input.constraints());
    Tuple values = Tuple.of(appId, id, input.name(), input.description(), constraints);
    return statements.run(INSERT, values, taken(id))
        .map(rows -> SegmentRow.of(rows.iterator().next(), constraints));
  }

  /** What a refused INSERT means: a unique violation is the id, taken (409), and the cause is kept. */
  static Statements.Refusals taken(String id) {
    return refusal -> DbErrors.isUniqueViolation(refusal)
        ? conflict(id, refusal)
        : UNSTORABLE.problem(refusal);
  }

  /** What create would store, written nowhere; fails as create would (409 for a taken id). id null: the server's. */
  public Future<SegmentRow> previewCreate(String appId, String id, SegmentInput input) {
    Tuple values = Tuple.of(appId, id, input.name(), input.description(), ConstraintsText.of(input.constraints()));
    return statements.run(PREVIEW_INSERT, values, UNSTORABLE)
        .compose(rows -> {
          Row row = rows.iterator().next();
          return row.getBoolean(7)
              ? Future.failedFuture(conflict(id, null))
              : Future.succeededFuture(SegmentRow.of(row));
        });
  }

  /** What updateOne would store, written nowhere; fails as it would (404, 412). */
  public Future<SegmentRow> previewUpdate(Patch patch) {
    SegmentInput input = patch.input();
    Tuple values = Tuple.of(patch.appId(), input.id(), input.name(), input.description(),
        ConstraintsText.of(input.constraints()), patch.versions());
    return statements.run(PREVIEW_UPDATE, values, UNSTORABLE)
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(SegmentRow.of(rows.iterator().next()))
            : whyUnchanged(patch));
  }

  /** One PATCH, one statement: the updated row, or a failure saying why not (404, 412, 503, ...). */
  public Future<SegmentRow> updateOne(Patch patch) {
    SegmentInput input = patch.input();
    String constraints = ConstraintsText.of(input.constraints());
    Tuple values = Tuple.of(patch.appId(), input.id(), input.name(), input.description(), constraints,
        patch.versions());
    return statements.run(UPDATE, values, UNSTORABLE)
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(SegmentRow.of(rows.iterator().next(), constraints))
            : whyUnchanged(patch));
  }

  /**
   * Several PATCHes of different segments in one statement and one commit: the updated row of each, by its index,
   * or null where its row did not match. Fails as a whole; DbErrors.refused tells a refusal (nothing applied)
   * from an unknown fate.
   */
  public Future<SegmentRow[]> updateMany(List<Patch> patches) {
    String[] constraints = new String[patches.size()];
    return statements.run(UPDATE_MANY, manyValues(patches, constraints))
        .map(rows -> byMember(rows, constraints));
  }

  /** UPDATE_MANY's six arrays, $1 to $6; constraints: filled with each member's text, for byMember. */
  static Tuple manyValues(List<Patch> patches, String[] constraints) {
    int n = patches.size();
    String[] apps = new String[n];
    String[] ids = new String[n];
    String[] names = new String[n];
    String[] descriptions = new String[n];
    String[] versions = new String[n];
    for (int i = 0; i < n; i++) {
      Patch p = patches.get(i);
      SegmentInput input = p.input();
      apps[i] = p.appId();
      ids[i] = input.id();
      names[i] = input.name();
      descriptions[i] = input.description();
      constraints[i] = ConstraintsText.of(input.constraints());
      versions[i] = p.versions() == null ? null : arrayLiteral(p.versions());
    }
    return Tuple.of(apps, ids, names, descriptions, constraints, versions);
  }

  /** The rows of an UPDATE_MANY, by member index (ord, column 7), null where a member matched none. */
  static SegmentRow[] byMember(RowSet<Row> rows, String[] constraints) {
    SegmentRow[] byMember = new SegmentRow[constraints.length];
    for (Row row : rows) {
      int member = (int) row.getLong(7).longValue() - 1;
      byMember[member] = SegmentRow.of(row, constraints[member]);
    }
    return byMember;
  }

  /** For a PATCH whose row did not match: fails with 404 (no such segment) or 412 (another version). */
  public Future<SegmentRow> whyUnchanged(Patch patch) {
    return whyUnchanged(new SegmentKey(patch.appId(), patch.input().id()));
  }

  /** For a conditional write that matched no row: fails with 404 (no such segment) or 412 (another version). */
  public <T> Future<T> whyUnchanged(SegmentKey key) {
    return versionOf(key).compose(current -> Future.failedFuture(IfMatch.failed(current)));
  }

  /** As whyUnchanged, for a write at versions (null: any, so that only a missing segment matches no row). */
  public <T> Future<T> whyUnchanged(SegmentKey key, Long[] versions) {
    return versions == null ? notFound(key) : whyUnchanged(key);
  }

  /** The segment's current version; 404 when there is none. */
  public Future<Long> versionOf(SegmentKey key) {
    return statements.run(VERSION_OF, Tuple.of(key.appId(), key.id()))
        .compose(rows -> rows.size() == 0 ? notFound(key) : Future.succeededFuture(rows.iterator().next().getLong(0)));
  }

  public Future<SegmentRow> find(SegmentKey key) {
    return statements.run(FIND, Tuple.of(key.appId(), key.id()))
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(SegmentRow.of(rows.iterator().next()))
            : notFound(key));
  }

  /** Several segments in one statement: the row of each key, by its index, or null where there is none. */
  public Future<SegmentRow[]> findMany(List<SegmentKey> keys) {
    int n = keys.size();
    String[] apps = new String[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      apps[i] = keys.get(i).appId();
      ids[i] = keys.get(i).id();
    }
    return statements.run(FIND_MANY, Tuple.tuple().addArrayOfString(apps).addArrayOfString(ids))
        .map(rows -> {
          SegmentRow[] byKey = new SegmentRow[n];
          for (Row row : rows) {
            byKey[(int) row.getLong(7).longValue() - 1] = SegmentRow.of(row);
          }
          return byKey;
        });
  }

  /** The answer for a key that matched no row. */
  public static <T> Future<T> notFound(SegmentKey key) {
    return notFound(key.id());
  }

  /** @param afterId "" for the first page */
  public Future<Page> page(String appId, String afterId, int limit) {
    return statements.run(PAGE, Tuple.of(appId, afterId, (long) limit + 1))
        .map(rows -> toPage(rows, limit));
  }

  /** versions: those If-Match names, null for any; fails with 404 or 412 when no row matched. */
  public Future<Void> delete(String appId, String id, Long[] versions) {
    return statements.run(DELETE, Tuple.of(appId, id, versions))
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
            : whyUnchanged(new SegmentKey(appId, id), versions));
  }

  /** {1,2,3}: an int8[] literal. */
  private static String arrayLiteral(Long[] values) {
    StringBuilder text = new StringBuilder(2 + values.length * 4).append('{');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(values[i]);
    }
    return text.append('}').toString();
  }

  private static Page toPage(RowSet<Row> rows, int limit) {
    List<SegmentRow> page = new ArrayList<>(Math.min(rows.size(), limit));
    for (Row row : rows) {
      if (page.size() == limit) {
        return new Page(page, true);
      }
      page.add(SegmentRow.of(row));
    }
    return new Page(page, false);
  }

  /** 409: the id is taken in this app; cause, the refusal that said so (or null for a dry run's read). */
  private static ProblemException conflict(String id, Throwable cause) {
    return new ProblemException(Problem.conflict("a segment with id " + id + " already exists"), cause);
  }

  private static <T> Future<T> notFound(String id) {
    return Future.failedFuture(new ProblemException(Problem.notFound("no segment with id " + id)));
  }
}
