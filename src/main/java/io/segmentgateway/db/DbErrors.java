package io.segmentgateway.db;

import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.vertx.core.VertxException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Turns a failed database call into the problem the client gets, by SQLSTATE and by failure type, never by
 * message text: an unreachable, overloaded or restarting database is a 503 with Retry-After.
 */
public final class DbErrors {

  public static final String UNIQUE_VIOLATION = "23505";

  /** Conditions that go away by themselves: worth a retry by the client. */
  private static final Set<String> TRANSIENT_STATES = Set.of(
      "40001", // serialization_failure
      "40P01", // deadlock_detected
      "55P03", // lock_not_available
      "57014", // query_canceled (statement timeout)
      "57P01", // admin_shutdown
      "57P02", // crash_shutdown
      "57P03"); // cannot_connect_now

  private DbErrors() {
  }

  /**
   * SQLSTATE class 22: a value the database cannot store, e.g. text with U+0000, which JSON allows and
   * PostgreSQL text and jsonb do not. The client's data, so a 400, not a 500.
   */
  public static boolean isDataException(Throwable failure) {
    if (!(failure instanceof DatabaseException)) {
      return false;
    }
    String state = ((DatabaseException) failure).getSqlState();
    return state != null && state.startsWith("22");
  }

  public static boolean isUniqueViolation(Throwable failure) {
    return failure instanceof DatabaseException
        && UNIQUE_VIOLATION.equals(((DatabaseException) failure).getSqlState());
  }

  /**
   * True when the database refused the statement with an error of its own, so that none of it was applied (a
   * lone statement is its own transaction); false when its fate is unknown (a timeout, a lost connection).
   */
  public static boolean refused(Throwable failure) {
    Throwable cause = failure instanceof ProblemException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof DatabaseException;
  }

  /**
   * For the failure handler: a failure of the database or of the way to it, which no statement translated, is the
   * same 503 as any outage; anything else is not a database failure (null).
   */
  public static ProblemException unavailableOrNull(Throwable failure) {
    return failure instanceof DatabaseException || infrastructure(failure) ? unavailable(failure) : null;
  }

  public static ProblemException toProblem(Throwable failure) {
    if (failure instanceof ProblemException) {
      return (ProblemException) failure;
    }
    if (failure instanceof DatabaseException) {
      String state = ((DatabaseException) failure).getSqlState();
      boolean transientState = state != null
          && (state.startsWith("08") || state.startsWith("53") || TRANSIENT_STATES.contains(state));
      return transientState ? unavailable(failure) : new ProblemException(Problem.internal(), failure);
    }
    return infrastructure(failure) ? unavailable(failure) : new ProblemException(Problem.internal(), failure);
  }

  /**
   * Without an SQLSTATE the failure came from the connection or the pool: refused or closed connections, "wait queue
   * full" and "timeout waiting for a connection" (Vert.x exceptions and bare throwables).
   */
  private static boolean infrastructure(Throwable failure) {
    return failure instanceof VertxException
        || failure instanceof IOException
        || failure instanceof TimeoutException
        || !(failure instanceof RuntimeException || failure instanceof Error);
  }

  private static ProblemException unavailable(Throwable cause) {
    return new ProblemException(Problem.unavailable("the database is unreachable or overloaded; retry shortly"), cause);
  }
}
