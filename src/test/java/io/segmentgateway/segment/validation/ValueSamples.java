package io.segmentgateway.segment.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/** Values that the format rules accept, for generated bodies. */
final class ValueSamples {

  private static final List<String> COUNTRIES = new ArrayList<>(new TreeSet<>(IsoCodes.COUNTRIES));
  private static final List<String> LANGUAGES = new ArrayList<>(new TreeSet<>(IsoCodes.LANGUAGES));
  private static final List<String> ZONES = new ArrayList<>(new TreeSet<>(ValueRule.TIME_ZONES));
  private static final List<String> EMAILS = List.of("user@example.com", "first.last+tag@sub.example.co.uk",
    "o'neil@example.org", "użytkownik@przykład.pl", "x@y.io");

  private ValueSamples() {
  }

  static String valid(ValueRule rule, Random random) {
    switch (rule) {
      case COUNTRY:
        return COUNTRIES.get(random.nextInt(COUNTRIES.size()));
      case LANGUAGE:
        return LANGUAGES.get(random.nextInt(LANGUAGES.size()));
      case TIME_ZONE:
        return ZONES.get(random.nextInt(ZONES.size()));
      case EMAIL:
        return EMAILS.get(random.nextInt(EMAILS.size()));
      case DEVICE_TYPE:
        return ConstraintRules.DEVICE_TYPES.get(random.nextInt(ConstraintRules.DEVICE_TYPES.size()));
      default:
        return "value";
    }
  }
}
