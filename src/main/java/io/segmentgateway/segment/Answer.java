package io.segmentgateway.segment;

import io.segmentgateway.http.BodyProblem;
import io.segmentgateway.http.IdempotencyKey;
import io.segmentgateway.http.Prefer;
import io.segmentgateway.segment.idempotency.StoredOutcome;
import io.segmentgateway.segment.validation.Expression;
import io.segmentgateway.segment.wire.SegmentRow;
import io.segmentgateway.segment.wire.SegmentWriter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * A successful answer of the segment endpoints: status, body, ETag (the version) and, for a create, Location. With
 * Prefer: return=minimal a write answers without its body (204 for a PATCH, 201 for a create), with the ETag and
 * Preference-Applied; the warnings, which live in the body, are then not sent. An answer given back from an
 * Idempotency-Key's record (replayed) is rendered from it by the same writer, so its bytes are the first answer's,
 * and says so with Idempotent-Replayed: true; it follows the retry's own Prefer, as the first answer followed its.
 */
record Answer(int status, Buffer body, String etag, String location, boolean minimal, boolean replayed) {

  // Built once: Netty then skips validating and re-encoding them on every response.
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence PREFERENCE_APPLIED = HttpHeaders.createOptimized(Prefer.APPLIED);
  private static final CharSequence MINIMAL = HttpHeaders.createOptimized(Prefer.MINIMAL);
  private static final CharSequence REPLAYED = HttpHeaders.createOptimized(IdempotencyKey.REPLAYED);
  private static final CharSequence TRUE = HttpHeaders.createOptimized("true");

  Answer(int status, Buffer body, String etag, String location, boolean minimal) {
    this(status, body, etag, location, minimal, false);
  }

  static Answer empty(int status) {
    return new Answer(status, null, null, null, false);
  }

  /** A segment: the body, its version as ETag, and for a create (201) its Location; minimal: no body. */
  static Answer segment(int status, SegmentRow segment, List<BodyProblem> warnings, boolean minimal) {
    String location = status == 201 ? "/v1/segments/" + segment.id() : null;
    String etag = "\"" + segment.version() + "\"";
    if (minimal) {
      return new Answer(status == 200 ? 204 : status, null, etag, location, true);
    }
    return new Answer(status, SegmentWriter.segment(segment, warnings), etag, location, false);
  }

  /** 304 to a GET or HEAD whose If-None-Match names the segment's version: its ETag and no body (RFC 9110 §15.4.5). */
  static Answer notModified(SegmentRow segment) {
    return new Answer(304, null, "\"" + segment.version() + "\"", null, false);
  }

  /** GET with include=expression: the segment with its expression, and its ETag. */
  static Answer withExpression(SegmentRow segment) {
    return new Answer(200, SegmentWriter.segment(segment, List.of(), expressionOf(segment)),
        "\"" + segment.version() + "\"", null, false);
  }

  /**
   * A dry run's answer: 200, the segment as it would be stored with its warnings and expression, and neither ETag
   * nor Location, since no such version or segment exists.
   */
  static Answer preview(SegmentRow segment, List<BodyProblem> warnings) {
    return new Answer(200, SegmentWriter.segment(segment, warnings, expressionOf(segment)), null, null, false);
  }

  private static String expressionOf(SegmentRow segment) {
    return Expression.of(new JsonArray(segment.constraints()));
  }

  /**
   * What a write answers: status and the request's own warnings for a change made now (status 204 and no segment
   * for a DELETE); for a replay, the status, segment and warnings its record kept.
   */
  static Answer written(int status, Written written, List<BodyProblem> warnings, boolean minimal) {
    if (!written.replayed()) {
      return written.segment() == null ? empty(status) : segment(status, written.segment(), warnings, minimal);
    }
    StoredOutcome stored = written.replay();
    Answer first = stored.segment() == null ? empty(stored.status())
        : segment(stored.status(), stored.segment(), stored.warningList(), minimal);
    return new Answer(first.status, first.body, first.etag, first.location, first.minimal, true);
  }

  /** Whether the request asked for a minimal answer (checked only when it sent Prefer at all). */
  static boolean minimal(RoutingContext ctx) {
    return ctx.request().headers().contains(Prefer.HEADER)
        && Prefer.minimal(ctx.request().headers().getAll(Prefer.HEADER));
  }

  /**
   * Rendering happens inside the future (map), so that a row that cannot be rendered fails the request through the
   * failure handler instead of leaving it unanswered.
   */
  static void send(RoutingContext ctx, Future<Answer> answer) {
    answer.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        ar.result().write(ctx.response());
      }
    });
  }

  private void write(HttpServerResponse response) {
    response.setStatusCode(status);
    if (etag != null) {
      response.putHeader(HttpHeaders.ETAG, etag);
    }
    if (location != null) {
      response.putHeader(HttpHeaders.LOCATION, location);
    }
    if (minimal) {
      response.putHeader(PREFERENCE_APPLIED, MINIMAL);
    }
    if (replayed) {
      response.putHeader(REPLAYED, TRUE);
    }
    if (body == null) {
      response.end();
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
    }
  }
}
