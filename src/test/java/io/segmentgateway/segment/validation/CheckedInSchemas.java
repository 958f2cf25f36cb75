package io.segmentgateway.segment.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checked-in files of schemas/, as the tests read them (the service reads the jar's copies). */
final class CheckedInSchemas {

  static final Path DIR = Path.of("schemas");

  private CheckedInSchemas() {
  }

  /** vertx-json-schema on these files: the reference the fast check must agree with. */
  static ReferenceSchemas load() {
    return ReferenceSchemas.fromDirectory(DIR);
  }

  static String read(String file) {
    try {
      return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
