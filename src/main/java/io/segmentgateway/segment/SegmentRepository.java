package io.segmentgateway.segment;

import io.segmentgateway.AppConfig;
import io.segmentgateway.db.DbErrors;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.segment.validation.BodyProblem;
import io.segmentgateway.segment.validation.SegmentInput;
import io.vertx.core.Future;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * All SQL of segments, as prepared statements with values only in Tuples. Every statement is scoped by app:
 * another app's segment is simply not there. Fails with ProblemException (404, 409, 412, 503) when the
 * client should hear why.
 */
public final class SegmentRepository {

  /**
   * The columns SegmentRow reads, in this order; the constraints as jsonb's text, which SegmentWriter copies to
   * the response: the client then does not decode them into a tree that would only be encoded again.
   */
  static final String WIRE_COLUMNS = "id, name, description, constraints::text, version, created_at, updated_at";

  static final String INSERT = "INSERT INTO segments (app_id, id, name, description, constraints)"
      + " VALUES ($1, $2, $3, COALESCE($4, ''), $5::text::jsonb)"
      + " RETURNING " + WIRE_COLUMNS;

  /** Later than the last change even within one millisecond, so that updatedAt follows version. */
  private static final String NEXT_UPDATED_AT = "greatest(now(), updated_at + interval '1 millisecond')";

  /** One atomic statement: only the members sent (non-null) change, so concurrent PATCHes of other fields survive. */
  static final String UPDATE = "UPDATE segments SET"
      + " name = COALESCE($3, name),"
      + " description = COALESCE($4, description),"
      + " constraints = COALESCE($5::text::jsonb, constraints),"
      + " version = version + 1,"
      + " updated_at = " + NEXT_UPDATED_AT
      + " WHERE app_id = $1 AND id = $2 AND ($6::int8[] IS NULL OR version = ANY($6::int8[]))"
      + " RETURNING " + WIRE_COLUMNS;

  /**
   * The UPDATE of several PATCHes in one statement and one commit (PatchBatcher): the same change as UPDATE for
   * each member of the arrays, matched to its row by key; ord, the member's place in the arrays (from 1), comes
   * back after the columns. A member whose row did not match (missing, or If-Match) returns nothing. versions
   * are int8[] literals in text, so that each member has its own list.
   */
  static final String UPDATE_MANY = "UPDATE segments s SET"
      + " name = COALESCE(p.name, s.name),"
      + " description = COALESCE(p.description, s.description),"
      + " constraints = COALESCE(p.constraints::jsonb, s.constraints),"
      + " version = s.version + 1,"
      + " updated_at = greatest(now(), s.updated_at + interval '1 millisecond')"
      + " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY"
      + " AS p(app_id, id, name, description, constraints, versions, ord)"
      + " WHERE s.app_id = p.app_id COLLATE \"C\" AND s.id = p.id COLLATE \"C\""
      + " AND (p.versions IS NULL OR s.version = ANY(p.versions::int8[]))"
      + " RETURNING s.id, s.name, s.description, s.constraints::text, s.version, s.created_at, s.updated_at, p.ord";

  static final String VERSION_OF = "SELECT version FROM segments WHERE app_id = $1 AND id = $2";

  static final String FIND = "SELECT " + WIRE_COLUMNS + " FROM segments WHERE app_id = $1 AND id = $2";

  /** Keyset paging on the primary key; "" sorts before every id. */
  static final String PAGE = "SELECT " + WIRE_COLUMNS + " FROM segments"
      + " WHERE app_id = $1 AND id > $2 ORDER BY id LIMIT $3";

  static final String DELETE = "DELETE FROM segments WHERE app_id = $1 AND id = $2";

  /** One page of rows; more is true when rows follow the last one. */
  public record Page(List<Row> rows, boolean more) {
  }

  private final Pool pool;
  private final long queryTimeoutMillis;
  private final PatchBatcher batcher;

  /**
   * @param queryTimeoutMillis the longest a call waits for its connection and statement together: past it the
   *     client gets a 503 even when the connection hangs silently (the pool frees such connections later)
   */
  public SegmentRepository(Pool pool, long queryTimeoutMillis) {
    this(pool, queryTimeoutMillis, null, 1, null);
  }

  /**
   * @param batching null: each PATCH is its own statement; otherwise concurrent PATCHes share statements and
   *     commits (PatchBatcher), at most maxWaiting of them waiting, reported to meter
   */
  public SegmentRepository(Pool pool, long queryTimeoutMillis, AppConfig.Batching batching, int maxWaiting,
      BatchMetrics meter) {
    if (queryTimeoutMillis <= 0) {
      throw new IllegalArgumentException("queryTimeoutMillis must be positive");
    }
    this.pool = pool;
    this.queryTimeoutMillis = queryTimeoutMillis;
    this.batcher = batching == null || !batching.enabled() ? null
        : new PatchBatcher(this, batching.maxInFlight(), batching.maxBatch(), maxWaiting, meter);
  }

  public Future<Row> create(String appId, String id, SegmentInput input) {
    Tuple values = Tuple.of(appId, id, input.name(), input.description(), ConstraintsText.of(input.constraints()));
    return pool
        .preparedQuery(INSERT)
        .execute(values)
        .timeout(queryTimeoutMillis, TimeUnit.MILLISECONDS)
        .recover(failure -> DbErrors.isUniqueViolation(failure)
            ? Future.failedFuture(new ProblemException(Problem.conflict("a segment with id " + id + " already exists")))
            : writeFailed(failure))
        .map(rows -> rows.iterator().next());
  }

  /**
   * @param versions null: any version; otherwise the versions the update may apply to (If-Match)
   */
  public Future<Row> update(String appId, SegmentInput input, Long[] versions) {
    return batcher == null ? updateOne(appId, input, versions) : batcher.update(appId, input, versions);
  }

  /** One PATCH, one statement. */
  Future<Row> updateOne(String appId, SegmentInput input, Long[] versions) {
    Tuple values = Tuple.of(appId, input.id(), input.name(), input.description(),
        ConstraintsText.of(input.constraints()), versions);
    return pool
        .preparedQuery(UPDATE)
        .execute(values)
        .timeout(queryTimeoutMillis, TimeUnit.MILLISECONDS)
        .recover(SegmentRepository::writeFailed)
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(rows.iterator().next())
            : whyUnchanged(appId, input.id()));
  }

  public Future<Row> find(String appId, String id) {
    return pool
        .preparedQuery(FIND)
        .execute(Tuple.of(appId, id))
        .timeout(queryTimeoutMillis, TimeUnit.MILLISECONDS)
        .recover(DbErrors::translate)
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next()) : notFound(id));
  }

  /** @param afterId "" for the first page */
  public Future<Page> page(String appId, String afterId, int limit) {
    return pool
        .preparedQuery(PAGE)
        .execute(Tuple.of(appId, afterId, (long) limit + 1))
        .timeout(queryTimeoutMillis, TimeUnit.MILLISECONDS)
        .recover(DbErrors::translate)
        .map(rows -> toPage(rows, limit));
  }

  public Future<Void> delete(String appId, String id) {
    return pool
        .preparedQuery(DELETE)
        .execute(Tuple.of(appId, id))
        .timeout(queryTimeoutMillis, TimeUnit.MILLISECONDS)
        .recover(DbErrors::translate)
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture() : notFound(id));
  }

  /**
   * Several PATCHes of different segments in one statement: the updated row of each member, by its index, or
   * null where its row did not match. Fails as a whole, unchanged, with the database's own error when the
   * database refuses it (nothing applied), or with a ProblemException when its fate is unknown (a 503).
   */
  Future<Row[]> updateMany(List<PatchBatcher.Pending> batch) {
    int n = batch.size();
    String[] apps = new String[n];
    String[] ids = new String[n];
    String[] names = new String[n];
    String[] descriptions = new String[n];
    String[] constraints = new String[n];
    String[] versions = new String[n];
    for (int i = 0; i < n; i++) {
      PatchBatcher.Pending p = batch.get(i);
      SegmentInput input = p.input();
      apps[i] = p.appId();
      ids[i] = input.id();
      names[i] = input.name();
      descriptions[i] = input.description();
      constraints[i] = ConstraintsText.of(input.constraints());
      versions[i] = p.versions() == null ? null : arrayLiteral(p.versions());
    }
    return pool
        .preparedQuery(UPDATE_MANY)
        .execute(Tuple.of(apps, ids, names, descriptions, constraints, versions))
        .timeout(queryTimeoutMillis, TimeUnit.MILLISECONDS)
        .recover(failure -> failure instanceof DatabaseException ? Future.failedFuture(failure)
            : DbErrors.translate(failure))
        .map(rows -> {
          Row[] byMember = new Row[n];
          for (Row row : rows) {
            byMember[(int) row.getLong(7).longValue() - 1] = row;
          }
          return byMember;
        });
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

  /** The UPDATE matched no row: either there is no such segment, or If-Match named another version. */
  Future<Row> whyUnchanged(String appId, String id) {
    return pool
        .preparedQuery(VERSION_OF)
        .execute(Tuple.of(appId, id))
        .timeout(queryTimeoutMillis, TimeUnit.MILLISECONDS)
        .recover(DbErrors::translate)
        .compose(rows -> {
          if (rows.size() == 0) {
            return notFound(id);
          }
          long current = rows.iterator().next().getLong(0);
          return Future.failedFuture(new ProblemException(Problem.preconditionFailed(
              "If-Match does not match the segment's current version, which is \"" + current + "\"")));
        });
  }

  private static <T> Future<T> writeFailed(Throwable failure) {
    if (DbErrors.isDataException(failure)) {
      BodyProblem problem = new BodyProblem("", "a text value contains a character that cannot be stored (U+0000)",
          BodyProblem.Source.RULE);
      return Future.failedFuture(new ProblemException(Problem.validation(List.of(problem)), failure));
    }
    return DbErrors.translate(failure);
  }

  private static Page toPage(RowSet<Row> rows, int limit) {
    List<Row> page = new ArrayList<>(Math.min(rows.size(), limit));
    for (Row row : rows) {
      if (page.size() == limit) {
        return new Page(page, true);
      }
      page.add(row);
    }
    return new Page(page, false);
  }

  private static <T> Future<T> notFound(String id) {
    return Future.failedFuture(new ProblemException(Problem.notFound("no segment with id " + id)));
  }
}
