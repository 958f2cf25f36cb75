package io.segmentgateway.segment;

import io.segmentgateway.http.BodyProblem;
import io.segmentgateway.http.Caller;
import io.segmentgateway.http.JsonBody;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.http.RequestId;
import io.segmentgateway.segment.validation.Devices;
import io.segmentgateway.segment.validation.EvaluateValidation;
import io.segmentgateway.segment.validation.EvaluateValidator;
import io.segmentgateway.segment.validation.Evaluator;
import io.segmentgateway.segment.validation.Expression;
import io.segmentgateway.segment.wire.EvaluationWriter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The HTTP side of the evaluate endpoints: check the body, take the constraints (stored, or from the body), evaluate
 * every device, answer. Nothing is written. A call that fits the event loop's budget runs on it (a body of at most
 * ON_LOOP_BYTES, and an evaluation within Evaluator's limits: the worst such call takes about 1.3 ms,
 * EvaluationBenchmark); a larger one, up to the endpoints' 1 MiB and 1,000 devices, runs on a worker thread, so that
 * no event loop waits for it and no contract-valid call is refused for its size.
 */
public final class EvaluateHandlers {

  /** The largest body whose parse and check run on the event loop (48 KiB: the worst takes 1.3 ms). */
  public static final int ON_LOOP_BYTES = 48 * 1024;

  private static final String JSON = "application/json";

  private final SegmentRepository repository;
  private final EvaluateValidator validator;
  private final SchemaSample sample;

  /** @param sample the reference check, offered every body the validator judged */
  public EvaluateHandlers(SegmentRepository repository, EvaluateValidator validator, SchemaSample sample) {
    this.repository = repository;
    this.validator = validator;
    this.sample = sample;
  }

  /** POST /v1/segments/{id}/evaluate: a stored segment of this app (another app's is not found). */
  public void stored(RoutingContext ctx) {
    String requestId = RequestId.of(ctx);
    String id = ctx.pathParam("id");
    String appId = Caller.appId(ctx);
    Future<Buffer> answer = checking(ctx, () -> checked(ctx, requestId, SchemaSample.Kind.EVALUATE_SEGMENT,
            validator.checkStored(JsonBody.decode(ctx))))
        .compose(validation -> {
          if (!SegmentIds.valid(id)) {
            return Future.failedFuture(new ProblemException(Problem.notFound("no segment with this id")));
          }
          return repository.find(new SegmentKey(appId, id))
              .compose(row -> evaluating(ctx, new JsonArray(row.constraints()), validation.devices(), List.of()));
        });
    send(ctx, answer);
  }

  /** POST /v1/segments/evaluate: constraints that are not stored, checked as a POST's are, with their warnings. */
  public void unsaved(RoutingContext ctx) {
    String requestId = RequestId.of(ctx);
    Future<Buffer> answer = checking(ctx, () -> checked(ctx, requestId, SchemaSample.Kind.EVALUATE_CONSTRAINTS,
            validator.checkUnsaved(JsonBody.decode(ctx))))
        .compose(validation -> evaluating(ctx, validation.constraints(), validation.devices(), validation.warnings()));
    send(ctx, answer);
  }

  /** Offers the body to the reference check, then refuses it with every problem when it is not valid. */
  private EvaluateValidation checked(RoutingContext ctx, String requestId, SchemaSample.Kind kind,
      EvaluateValidation validation) {
    sample.offer(kind, ctx.body().buffer(), validation.schemaValid(), requestId);
    return SegmentHandlers.valid(validation);
  }

  /** The parse and check: on the event loop for a body of at most ON_LOOP_BYTES, else on a worker. */
  private static Future<EvaluateValidation> checking(RoutingContext ctx, Callable<EvaluateValidation> check) {
    Buffer body = ctx.body().buffer();
    return run(ctx, body != null && body.length() > ON_LOOP_BYTES, check);
  }

  /** The evaluation and the answer's bytes: on the event loop within Evaluator's limits, else on a worker. */
  private static Future<Buffer> evaluating(RoutingContext ctx, JsonArray constraints, Devices devices,
      List<BodyProblem> warnings) {
    Evaluator evaluator = Evaluator.of(constraints);
    return run(ctx, !evaluator.fitsTheEventLoop(devices), () -> answer(evaluator, constraints, devices, warnings));
  }

  /** The answer's bytes: every device evaluated, the expression, the warnings (EvaluationBenchmark measures it). */
  public static Buffer answer(JsonArray constraints, Devices devices, List<BodyProblem> warnings) {
    return answer(Evaluator.of(constraints), constraints, devices, warnings);
  }

  private static Buffer answer(Evaluator evaluator, JsonArray constraints, Devices devices,
      List<BodyProblem> warnings) {
    return EvaluationWriter.write(Expression.of(constraints), evaluator.groupSizes(), evaluator.evaluate(devices),
        warnings);
  }

  /** work on this event loop, or on a worker (unordered: calls of one connection never wait for each other). */
  private static <T> Future<T> run(RoutingContext ctx, boolean onWorker, Callable<T> work) {
    if (onWorker) {
      return ctx.vertx().executeBlocking(work, false);
    }
    try {
      return Future.succeededFuture(work.call());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(RoutingContext ctx, Future<Buffer> answer) {
    answer.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
            .end(ar.result());
      }
    });
  }
}
