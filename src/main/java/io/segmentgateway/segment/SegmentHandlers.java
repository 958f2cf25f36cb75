package io.segmentgateway.segment;

import io.segmentgateway.http.Caller;
import io.segmentgateway.http.IfMatch;
import io.segmentgateway.http.IfNoneMatch;
import io.segmentgateway.http.JsonBody;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.http.Refusal;
import io.segmentgateway.http.RequestId;
import io.segmentgateway.http.RequestProblems;
import io.segmentgateway.segment.idempotency.KeyedWrite;
import io.segmentgateway.segment.validation.SegmentInput;
import io.segmentgateway.segment.validation.SegmentValidator;
import io.segmentgateway.segment.validation.Validation;
import io.segmentgateway.segment.validation.Verdict;
import io.segmentgateway.segment.wire.SegmentRow;
import io.segmentgateway.segment.wire.SegmentWriter;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The HTTP side of /v1/segments: read the request, ask the validator and the repository, write the answer. A write
 * with an Idempotency-Key hands its KeyedWrite down to the statement that records it.
 */
public final class SegmentHandlers {

  private final SegmentRepository repository;
  private final Writes writes;
  private final Patcher patcher;
  private final Reader reader;
  private final SegmentValidator validator;
  private final SchemaSample sample;

  /**
   * @param writes the creates and deletes
   * @param patcher how a PATCH reaches the repository (alone, or batched with concurrent ones)
   * @param reader how a read of one segment does
   * @param sample the reference check, offered every body the validator judged
   */
  public SegmentHandlers(SegmentRepository repository, Writes writes, Patcher patcher, Reader reader,
      SegmentValidator validator, SchemaSample sample) {
    this.repository = repository;
    this.writes = writes;
    this.patcher = patcher;
    this.reader = reader;
    this.validator = validator;
    this.sample = sample;
  }

  /**
   * PATCH /v1/segments: only the members sent change; If-Match makes it conditional. With dryRun=true, every check
   * runs (the row is read for its existence and version) and nothing is written.
   */
  public void patch(RoutingContext ctx) {
    // Every problem of the query, the headers and the body in one 400; a dry run refuses what the real request does.
    RequestProblems problems = new RequestProblems();
    boolean dryRun = problems.read(() -> QueryFlags.dryRun(ctx.queryParams()), false);
    Long[] ifMatch = problems.read(() -> IfMatch.versions(ctx.request().headers()), null);
    IfNoneMatch ifNoneMatch = problems.read(() -> IfNoneMatch.of(ctx.request().headers()), null);
    String key = problems.read(() -> KeyedWrite.keyOf(ctx), null);
    Validation validation = valid(problems,
        checked(ctx, SchemaSample.Kind.PATCH, validator.checkPatch(JsonBody.decode(ctx))));
    String appId = Caller.appId(ctx);
    Future<Long[]> versions = Preconditions.ofWrite(ifMatch, ifNoneMatch, repository,
        new SegmentKey(appId, validation.input().id()));
    // The one place a PATCH chooses between writing and not: a dry run stores nothing at all, and a record kept
    // for a retried write (an idempotency key) is a write too, so it is never stored for a dry run.
    if (dryRun) {
      Answer.send(ctx, versions.compose(v -> repository.previewUpdate(new Patch(appId, validation.input(), v)))
          .map(row -> Answer.preview(row, validation.warnings())));
      return;
    }
    boolean minimal = Answer.minimal(ctx);
    KeyedWrite keyed = KeyedWrite.of(key, ctx, validation.warnings());
    Future<Answer> answer = versions
        .compose(v -> {
          Patch patch = new Patch(appId, validation.input(), v, keyed);
          return writes.claimed(appId, keyed, () -> patcher.update(patch));
        })
        .map(written -> Answer.written(200, written, validation.warnings(), minimal));
    Answer.send(ctx, answer);
  }

  /**
   * POST /v1/segments: the client may choose the id; a taken one is a 409. With dryRun=true, every check runs (a
   * chosen id is looked up) and nothing is written; without a chosen id the answer has none.
   */
  public void create(RoutingContext ctx) {
    RequestProblems problems = new RequestProblems();
    boolean dryRun = problems.read(() -> QueryFlags.dryRun(ctx.queryParams()), false);
    String key = problems.read(() -> KeyedWrite.keyOf(ctx), null);
    Validation validation = valid(problems, checked(ctx, SchemaSample.Kind.CREATE,
        validator.checkCreate(JsonBody.decode(ctx))));
    SegmentInput input = validation.input();
    String appId = Caller.appId(ctx);
    // As for PATCH: a dry run writes nothing, and never stores an idempotency record either.
    if (dryRun) {
      Answer.send(ctx, repository.previewCreate(appId, input.id(), input)
          .map(row -> Answer.preview(row, validation.warnings())));
      return;
    }
    String id = input.id() != null ? input.id() : SegmentIds.generate();
    KeyedWrite keyed = KeyedWrite.of(key, ctx, validation.warnings());
    boolean minimal = Answer.minimal(ctx);
    Future<Answer> answer = writes.claimed(appId, keyed, () -> writes.create(appId, id, input, keyed))
        .map(written -> Answer.written(201, written, validation.warnings(), minimal));
    Answer.send(ctx, answer);
  }

  /** GET /v1/segments/{id}; an id that cannot exist is simply not found. include=expression adds the expression. */
  public void get(RoutingContext ctx) {
    boolean expression = QueryFlags.includeExpression(ctx.queryParams());
    String id = ctx.pathParam("id");
    if (!SegmentIds.valid(id)) {
      throw new ProblemException(Problem.notFound("no segment with this id"));
    }
    Long[] versions = IfMatch.versions(ctx.request().headers());
    IfNoneMatch none = IfNoneMatch.of(ctx.request().headers());
    Answer.send(ctx, reader.find(new SegmentKey(Caller.appId(ctx), id))
        .map(row -> {
          if (!IfMatch.allows(versions, row.version())) {
            throw IfMatch.failed(row.version());
          }
          if (none != null && none.matches(row.version())) {
            return Answer.notModified(row);
          }
          return expression ? Answer.withExpression(row) : Answer.segment(200, row, List.of(), false);
        }));
  }

  /** DELETE /v1/segments/{id} */
  public void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!SegmentIds.valid(id)) {
      throw new ProblemException(Problem.notFound("no segment with this id"));
    }
    RequestProblems problems = new RequestProblems();
    Long[] ifMatch = problems.read(() -> IfMatch.versions(ctx.request().headers()), null);
    IfNoneMatch ifNoneMatch = problems.read(() -> IfNoneMatch.of(ctx.request().headers()), null);
    String key = problems.read(() -> KeyedWrite.keyOf(ctx), null);
    problems.throwIfAny();
    KeyedWrite keyed = KeyedWrite.of(key, ctx, List.of());
    String appId = Caller.appId(ctx);
    Answer.send(ctx, Preconditions.ofWrite(ifMatch, ifNoneMatch, repository, new SegmentKey(appId, id))
        .compose(versions -> writes.claimed(appId, keyed, () -> writes.delete(appId, id, versions, keyed)))
        .map(written -> Answer.written(204, written, List.of(), false)));
  }

  /** GET /v1/segments?limit=&after=: a keyset page by id, with the cursor of the next page or null. */
  public void list(RoutingContext ctx) {
    ListQuery query = ListQuery.from(ctx.queryParams());
    Future<Answer> answer = repository.page(Caller.appId(ctx), query.afterId(), query.limit())
        .map(page -> {
          List<SegmentRow> items = page.segments();
          String next = page.more() ? SegmentIds.cursorAfter(items.get(items.size() - 1).id()) : null;
          return new Answer(200, SegmentWriter.page(items, next), null, null, false);
        });
    Answer.send(ctx, answer);
  }

  /** Offers the body and the verdict to the reference check, which may take it into its sample. */
  private Validation checked(RoutingContext ctx, SchemaSample.Kind kind, Validation validation) {
    sample.offer(kind, ctx.body().buffer(), validation.schemaValid(), RequestId.of(ctx));
    return validation;
  }

  /** The verdict itself when the body is valid; else the 400 with every problem, counted by schema or rule. */
  static <V extends Verdict> V valid(V verdict) {
    return valid(new RequestProblems(), verdict);
  }

  /** As valid(verdict), the 400 also holding the problems the request's query and headers had (problems). */
  static <V extends Verdict> V valid(RequestProblems problems, V verdict) {
    if (!verdict.valid()) {
      problems.add(Problem.validation(verdict.problems()), verdict.schemaValid() ? Refusal.RULE : Refusal.SCHEMA);
    }
    problems.throwIfAny();
    return verdict;
  }
}
