package io.segmentgateway.segment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The checked-in schema files are exactly what the tables generate, and they load as one repository. */
class SchemaFilesTest {

  @Test
  void everySchemaFileIsWhatTheGeneratorWritesFromConstraintRules() {
    for (Map.Entry<String, String> file : SchemaGenerator.files().entrySet()) {
      assertThat(CheckedInSchemas.read(file.getKey()))
        .as("schemas/%s is stale: regenerate it with the command in schemas/README.md", file.getKey())
        .isEqualTo(file.getValue());
    }
  }

  @Test
  void theSchemaDirectoryHoldsNoJsonFileTheGeneratorDoesNotWrite() throws IOException {
    try (Stream<Path> files = Files.list(CheckedInSchemas.DIR)) {
      assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")))
        .containsExactlyInAnyOrderElementsOf(SchemaGenerator.FILES);
    }
  }

  @Test
  void theFilesResolveTheirReferencesInOneSchemaRepository() {
    ReferenceSchemas reference = CheckedInSchemas.load();

    assertThat(reference.patchValid(Bodies.decode(Bodies.patchWithConditions(
      Bodies.condition("country", "EQUALS", "PL"))))).isTrue();
    assertThat(reference.createValid(Bodies.decode(Bodies.object("name", "n", "constraints", Bodies.list()))))
      .isTrue();
    Object device = Bodies.object("country", "pl", "sessionCount", 3, "tags", Bodies.list("beta"));
    assertThat(reference.evaluateSegment(Bodies.decode(Bodies.object("devices", Bodies.list(device)))).getValid())
      .isTrue();
    assertThat(reference.evaluateConstraints(Bodies.decode(Bodies.object("constraints", Bodies.list(
      Bodies.and(Bodies.condition("country", "==", "PL"))), "devices", Bodies.list(device)))).getValid()).isTrue();
    assertThat(reference.evaluateSegment(Bodies.decode(Bodies.object("devices", Bodies.list(
      Bodies.object("colour", "red"))))).getValid()).isFalse();
  }

  @Test
  void theGeneratedRelationPatternAcceptsEverySpellingInAnyCaseAndNothingElse() {
    Pattern pattern = Pattern.compile(SchemaGenerator.relationPattern(
      List.of(ConstraintRules.Relation.values())));

    assertThat(pattern.matcher("greater_THAN_or_equals").find()).isTrue();
    assertThat(pattern.matcher("==").find()).isTrue();
    assertThat(pattern.matcher("===").find()).isFalse();
    assertThat(pattern.matcher("equal").find()).isFalse();
    assertThat(pattern.matcher("\u212Aontains").find()).as("the Kelvin sign is not a K").isFalse();
  }
}
