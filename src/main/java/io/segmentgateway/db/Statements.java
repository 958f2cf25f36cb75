package io.segmentgateway.db;

import io.segmentgateway.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one way the service runs a statement: prepared (and cached per connection), bounded by the query timeout on
 * the client as PostgreSQL's statement_timeout bounds it on the server, and failed only with a ProblemException that
 * the failure handler can render: 503 with Retry-After for a lost connection, a timeout or a full pool (DbErrors).
 * A statement that means something particular by an SQLSTATE (a unique violation is a 409) says so with a Refusals.
 * A new statement is then one constant and one call, and none can forget its timeout or turn an outage into a 500.
 */
public final class Statements {

  /**
   * What a statement makes of a refusal by the database: the client's problem, or null to leave it to DbErrors.
   * Called only for DatabaseException (the database answered with an error: nothing of the statement was applied).
   */
  @FunctionalInterface
  public interface Refusals {
    ProblemException problem(DatabaseException refusal);
  }

  private static final Refusals NONE = refusal -> null;

  private final Pool pool;
  private final long timeoutMillis;

  /**
   * @param timeoutMillis the longest a call waits for its connection and its answer together: past it the client
   *     gets a 503 even when the connection hangs silently, and that connection is closed (GuardedPgDriver.condemn)
   */
  public Statements(Pool pool, long timeoutMillis) {
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("the query timeout must be positive");
    }
    this.pool = pool;
    this.timeoutMillis = timeoutMillis;
  }

  public Future<RowSet<Row>> run(String sql, Tuple values) {
    return run(sql, values, NONE);
  }

  public Future<RowSet<Row>> run(String sql, Tuple values, Refusals refusals) {
    return bounded(new Call(sql, values), refusals);
  }

  /**
   * A statement without parameters, sent as text each time (the simple query protocol): the readiness check, so
   * that every check is one visible query and no prepared statement outlives a connection that a probe opened.
   */
  public Future<RowSet<Row>> runText(String sql) {
    return bounded(new Call(sql, null), NONE);
  }

  /**
   * Through withConnection, not the pool's own execute: a request that gives up waiting for a connection then
   * leaves the pool's wait queue (execute's waiters stay queued until served, so a long outage fills the queue
   * with dead ones), and the connection a timed-out statement was sent on is known, and closed.
   */
  private Future<RowSet<Row>> bounded(Call call, Refusals refusals) {
    Future<RowSet<Row>> answer = pool.withConnection(call);
    return answer
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .recover(failure -> {
          if (!answer.isComplete() && call.connection != null) {
            GuardedPgDriver.condemn(call.connection, call.sentNanos);
          }
          return Future.failedFuture(translate(failure, refusals));
        });
  }

  /** One statement on the connection the pool lends; remembers which, and when it was sent. */
  private static final class Call implements Function<SqlConnection, Future<RowSet<Row>>> {

    private final String sql;
    private final Tuple values;
    private SqlConnection connection;
    private long sentNanos;

    /** values: null for the simple query protocol. */
    Call(String sql, Tuple values) {
      this.sql = sql;
      this.values = values;
    }

    @Override
    public Future<RowSet<Row>> apply(SqlConnection lent) {
      connection = lent;
      sentNanos = System.nanoTime();
      return values == null ? lent.query(sql).execute() : lent.preparedQuery(sql).execute(values);
    }
  }

  private static ProblemException translate(Throwable failure, Refusals refusals) {
    if (failure instanceof DatabaseException) {
      ProblemException meant = refusals.problem((DatabaseException) failure);
      if (meant != null) {
        return meant;
      }
    }
    return DbErrors.toProblem(failure);
  }
}
