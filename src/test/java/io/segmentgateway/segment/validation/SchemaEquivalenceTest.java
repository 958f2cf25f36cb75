package io.segmentgateway.segment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Property test: the fast check gives the verdict of vertx-json-schema on the files in schemas/ for every
 * body — generated valid PATCH, POST and evaluate bodies and mutations of them (wrong types, unknown keys at every
 * level, bad enum spellings, nulls, limits plus one, edge strings and numbers, non-object bodies).
 *
 * <p>Each run draws a new seed (printed with the counts); -Dequivalence.seed=N replays a run and
 * -Dequivalence.bodies=N changes how many bodies each method gets.
 */
class SchemaEquivalenceTest {

  private static final ReferenceSchemas REFERENCE = CheckedInSchemas.load();
  private static final SegmentValidator VALIDATOR = SegmentValidator.create();
  private static final EvaluateValidator EVALUATE = EvaluateValidator.create();
  private static final int BODIES = Integer.getInteger("equivalence.bodies", 10_000);
  private static final long SEED = Long.getLong("equivalence.seed", System.nanoTime());
  /** Enough disagreeing bodies to see the pattern, without flooding the report. */
  private static final int SHOWN = 5;

  @Test
  void everyPatchBodyGetsTheVerdictOfVertxJsonSchema() {
    assertAgreement(run("PATCH", SEED, BodyGenerator::patch, REFERENCE::patchValid,
        body -> checked(VALIDATOR.checkPatch(body))));
  }

  @Test
  void everyCreateBodyGetsTheVerdictOfVertxJsonSchema() {
    assertAgreement(run("POST", SEED + 1, BodyGenerator::create, REFERENCE::createValid,
        body -> checked(VALIDATOR.checkCreate(body))));
  }

  @Test
  void everyBodyOfTheStoredSegmentsEvaluateGetsTheVerdictOfVertxJsonSchema() {
    assertAgreement(run("POST evaluate", SEED + 2, BodyGenerator::evaluateSegment,
        body -> REFERENCE.evaluateSegment(body).getValid(), body -> checked(EVALUATE.checkStored(body))));
  }

  @Test
  void everyBodyOfTheUnsavedConstraintsEvaluateGetsTheVerdictOfVertxJsonSchema() {
    assertAgreement(run("POST constraints evaluate", SEED + 3, BodyGenerator::evaluateConstraints,
        body -> REFERENCE.evaluateConstraints(body).getValid(), body -> checked(EVALUATE.checkUnsaved(body))));
  }

  private static void assertAgreement(Tally tally) {
    assertThat(tally.disagreements).as(tally.report()).isEmpty();
    assertThat(tally.inconsistent).as("bodies with input present exactly when valid").isZero();
    assertThat(tally.schemaValid).as("valid bodies among those generated").isGreaterThan(BODIES / 5);
    assertThat(tally.schemaInvalid).as("invalid bodies among those generated").isGreaterThan(BODIES / 5);
  }

  /** The verdict, and whether the input it carries is there exactly when the body is valid. */
  private record Checked(Verdict verdict, boolean consistent) {
  }

  private static Checked checked(Validation validation) {
    return new Checked(validation, (validation.input() != null) == validation.valid());
  }

  private static Checked checked(EvaluateValidation validation) {
    return new Checked(validation, (validation.devices() != null) == validation.valid());
  }

  private static Tally run(String method, long seed, Function<BodyGenerator, Object> generate,
      Predicate<Object> reference, Function<Object, Checked> fast) {
    Random random = new Random(seed);
    Tally tally = new Tally(method, seed);
    for (int i = 0; i < BODIES; i++) {
      String json = body(random, generate);
      Object body = Json.decodeValue(Buffer.buffer(json));
      boolean referenceValid = reference.test(body);
      tally.count(json, referenceValid, fast.apply(body));
    }
    System.out.println(tally.report());
    return tally;
  }

  /** About a third of the bodies stay as generated (valid); the rest get one to four mutations. */
  static String body(Random random, Function<BodyGenerator, Object> generate) {
    BodyGenerator generator = new BodyGenerator(random);
    Object body = generate.apply(generator);
    int mutations = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(4);
    return JsonText.write(new BodyMutator(generator).mutate(body, mutations));
  }

  /** The counts of one run, and the first bodies on which the two checks disagreed. */
  private static final class Tally {
    final String method;
    final long seed;
    int schemaValid;
    int schemaInvalid;
    int refusedByRules;
    int inconsistent;
    final List<String> disagreements = new ArrayList<>();

    Tally(String method, long seed) {
      this.method = method;
      this.seed = seed;
    }

    void count(String json, boolean referenceValid, Checked checked) {
      Verdict verdict = checked.verdict();
      if (referenceValid) {
        schemaValid++;
        if (!verdict.valid()) {
          refusedByRules++;
        }
      } else {
        schemaInvalid++;
      }
      if (!checked.consistent()) {
        inconsistent++;
      }
      if (referenceValid != verdict.schemaValid() && disagreements.size() < SHOWN) {
        disagreements.add((referenceValid ? "reference accepts, fast check refuses " : "reference refuses, fast "
            + "check accepts ") + json + " -> " + verdict.problems());
      }
    }

    String report() {
      return String.format("schema equivalence: %s seed=%d bodies checked=%d, schema-valid=%d (of which refused by "
          + "rules=%d), schema-invalid=%d, disagreements=%d, input/verdict mismatches=%d", method, seed,
          schemaValid + schemaInvalid, schemaValid, refusedByRules, schemaInvalid, disagreements.size(),
          inconsistent);
    }
  }
}
