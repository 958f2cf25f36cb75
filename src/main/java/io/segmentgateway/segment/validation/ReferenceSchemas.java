package io.segmentgateway.segment.validation;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * vertx-json-schema on the schema files (schemas/): the reference the fast check must agree with. Far too slow
 * for every request (ValidationBenchmark: hundreds of microseconds a body), so the service runs it only on a
 * sample, off the event loop (SchemaSample), and the tests on generated bodies (SchemaEquivalenceTest).
 */
public final class ReferenceSchemas {

  /** The base of every file's $id: the files refer to each other by name under it. */
  public static final String BASE = "https://segment-gateway.local/schemas/";

  private final Validator patch;
  private final Validator create;
  private final Validator evaluateSegment;
  private final Validator evaluateConstraints;

  private ReferenceSchemas(Validator patch, Validator create, Validator evaluateSegment,
      Validator evaluateConstraints) {
    this.patch = patch;
    this.create = create;
    this.evaluateSegment = evaluateSegment;
    this.evaluateConstraints = evaluateConstraints;
  }

  /** files: file name to JSON text, every file of schemas/. */
  public static ReferenceSchemas of(Map<String, String> files) {
    SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012)
        .setBaseUri(BASE)
        .setOutputFormat(OutputFormat.Basic));
    for (String text : files.values()) {
      repository.dereference(JsonSchema.of(new JsonObject(text)));
    }
    return new ReferenceSchemas(repository.validator("patch-segment.json"),
        repository.validator("create-segment.json"), repository.validator("evaluate-segment.json"),
        repository.validator("evaluate-constraints.json"));
  }

  /** Every *.json file of dir. Blocking. */
  public static ReferenceSchemas fromDirectory(Path dir) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(dir)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (path.getFileName().toString().endsWith(".json")) {
          files.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schema files in " + dir, e);
    }
    return of(files);
  }

  public OutputUnit patch(Object body) {
    return patch.validate(body);
  }

  public OutputUnit create(Object body) {
    return create.validate(body);
  }

  /** The body of POST /v1/segments/{id}/evaluate. */
  public OutputUnit evaluateSegment(Object body) {
    return evaluateSegment.validate(body);
  }

  /** The body of POST /v1/segments/evaluate. */
  public OutputUnit evaluateConstraints(Object body) {
    return evaluateConstraints.validate(body);
  }

  public boolean patchValid(Object body) {
    return patch(body).getValid();
  }

  public boolean createValid(Object body) {
    return create(body).getValid();
  }
}
