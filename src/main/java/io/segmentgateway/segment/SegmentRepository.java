package io.segmentgateway.segment;

import io.segmentgateway.db.DbErrors;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.segment.validation.BodyProblem;
import io.segmentgateway.segment.validation.SegmentInput;
import io.vertx.core.Future;
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

  /** The columns SegmentJson reads, in this order. */
  static final String COLUMNS = "id, name, description, constraints, version, created_at, updated_at";

  static final String INSERT = "INSERT INTO segments (app_id, id, name, description, constraints)"
      + " VALUES ($1, $2, $3, COALESCE($4, ''), $5::jsonb)"
      + " RETURNING " + COLUMNS;

  /** One atomic statement: only the members sent (non-null) change, so concurrent PATCHes of other fields survive. */
  static final String UPDATE = "UPDATE segments SET"
      + " name = COALESCE($3, name),"
      + " description = COALESCE($4, description),"
      + " constraints = COALESCE($5::jsonb, constraints),"
      + " version = version + 1,"
      + " updated_at = now()"
      + " WHERE app_id = $1 AND id = $2 AND ($6::int8[] IS NULL OR version = ANY($6::int8[]))"
      + " RETURNING " + COLUMNS;

  static final String VERSION_OF = "SELECT version FROM segments WHERE app_id = $1 AND id = $2";

  static final String FIND = "SELECT " + COLUMNS + " FROM segments WHERE app_id = $1 AND id = $2";

  /** Keyset paging on the primary key; "" sorts before every id. */
  static final String PAGE = "SELECT " + COLUMNS + " FROM segments"
      + " WHERE app_id = $1 AND id > $2 ORDER BY id LIMIT $3";

  static final String DELETE = "DELETE FROM segments WHERE app_id = $1 AND id = $2";

  /** One page of rows; more is true when rows follow the last one. */
  public record Page(List<Row> rows, boolean more) {
  }

  private final Pool pool;
  private final long queryTimeoutMillis;

  /**
   * @param queryTimeoutMillis the longest a call waits for its connection and statement together: past it the
   *     client gets a 503 even when the connection hangs silently (the pool frees such connections later)
   */
  public SegmentRepository(Pool pool, long queryTimeoutMillis) {
    if (queryTimeoutMillis <= 0) {
      throw new IllegalArgumentException("queryTimeoutMillis must be positive");
    }
    this.pool = pool;
    this.queryTimeoutMillis = queryTimeoutMillis;
  }

  public Future<Row> create(String appId, String id, SegmentInput input) {
    Tuple values = Tuple.of(appId, id, input.name(), input.description(), input.constraints());
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
    Tuple values = Tuple.of(appId, input.id(), input.name(), input.description(), input.constraints(), versions);
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

  /** The UPDATE matched no row: either there is no such segment, or If-Match named another version. */
  private Future<Row> whyUnchanged(String appId, String id) {
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
