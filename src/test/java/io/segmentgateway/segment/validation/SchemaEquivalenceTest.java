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
 * body — generated valid PATCH and POST bodies and mutations of them (wrong types, unknown keys at every level,
 * bad enum spellings, nulls, limits plus one, edge strings and numbers, non-object bodies).
 *
 * <p>Each run draws a new seed (printed with the counts); -Dequivalence.seed=N replays a run and
 * -Dequivalence.bodies=N changes how many bodies each method gets.
 */
class SchemaEquivalenceTest {

  private static final ReferenceSchemas REFERENCE = CheckedInSchemas.load();
  private static final SegmentValidator VALIDATOR = SegmentValidator.create();
  private static final int BODIES = Integer.getInteger("equivalence.bodies", 10_000);
  private static final long SEED = Long.getLong("equivalence.seed", System.nanoTime());
  /** Enough disagreeing bodies to see the pattern, without flooding the report. */
  private static final int SHOWN = 5;

  @Test
  void everyPatchBodyGetsTheVerdictOfVertxJsonSchema() {
    Tally tally = run("PATCH", SEED, true, REFERENCE::patchValid, VALIDATOR::checkPatch);
    assertThat(tally.disagreements).as(tally.report()).isEmpty();
    assertThat(tally.inconsistent).as("bodies with input present exactly when valid").isZero();
    assertThat(tally.schemaValid).as("valid bodies among those generated").isGreaterThan(BODIES / 5);
    assertThat(tally.schemaInvalid).as("invalid bodies among those generated").isGreaterThan(BODIES / 5);
  }

  @Test
  void everyCreateBodyGetsTheVerdictOfVertxJsonSchema() {
    Tally tally = run("POST", SEED + 1, false, REFERENCE::createValid, VALIDATOR::checkCreate);
    assertThat(tally.disagreements).as(tally.report()).isEmpty();
    assertThat(tally.inconsistent).as("bodies with input present exactly when valid").isZero();
    assertThat(tally.schemaValid).as("valid bodies among those generated").isGreaterThan(BODIES / 5);
    assertThat(tally.schemaInvalid).as("invalid bodies among those generated").isGreaterThan(BODIES / 5);
  }

  private static Tally run(String method, long seed, boolean patch, Predicate<Object> reference,
      Function<Object, Validation> fast) {
    Random random = new Random(seed);
    Tally tally = new Tally(method, seed);
    for (int i = 0; i < BODIES; i++) {
      String json = body(random, patch);
      Object body = Json.decodeValue(Buffer.buffer(json));
      boolean referenceValid = reference.test(body);
      Validation verdict = fast.apply(body);
      tally.count(json, referenceValid, verdict);
    }
    System.out.println(tally.report());
    return tally;
  }

  /** About a third of the bodies stay as generated (valid); the rest get one to four mutations. */
  static String body(Random random, boolean patch) {
    BodyGenerator generator = new BodyGenerator(random);
    Object body = patch ? generator.patch() : generator.create();
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

    void count(String json, boolean referenceValid, Validation verdict) {
      if (referenceValid) {
        schemaValid++;
        if (!verdict.valid()) {
          refusedByRules++;
        }
      } else {
        schemaInvalid++;
      }
      if ((verdict.input() != null) != verdict.valid()) {
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
