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

/** vertx-json-schema on the checked-in files of schemas/: the reference the fast check must agree with. */
final class ReferenceSchemas {

  static final Path DIR = Path.of("schemas");

  private final Validator patch;
  private final Validator create;

  private ReferenceSchemas(Validator patch, Validator create) {
    this.patch = patch;
    this.create = create;
  }

  static ReferenceSchemas load() {
    SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions()
      .setDraft(Draft.DRAFT202012)
      .setBaseUri(SchemaGenerator.BASE)
      .setOutputFormat(OutputFormat.Basic));
    for (String file : SchemaGenerator.FILES) {
      repository.dereference(JsonSchema.of(new JsonObject(read(file))));
    }
    return new ReferenceSchemas(repository.validator("patch-segment.json"),
      repository.validator("create-segment.json"));
  }

  static String read(String file) {
    try {
      return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  OutputUnit patch(Object body) {
    return patch.validate(body);
  }

  OutputUnit create(Object body) {
    return create.validate(body);
  }

  boolean patchValid(Object body) {
    return patch(body).getValid();
  }

  boolean createValid(Object body) {
    return create(body).getValid();
  }
}
