package io.segmentgateway.segment.validation;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a String field's value must be for '==' and '!=', beyond being a string of 1 to 256 characters
 * (starts_with, ends_with and contains take any such string). These are the rules the schema files leave
 * to the service.
 */
public enum ValueRule {
  ANY(null),
  COUNTRY("an ISO 3166-1 alpha-2 country code in upper case, such as PL, US or UK"),
  LANGUAGE("an ISO 639-2 alpha-3 language code in lower case, such as eng or pol"),
  TIME_ZONE("an IANA time zone id in Area/Location form, such as Europe/Warsaw"),
  EMAIL("a valid e-mail address such as user@example.com"),
  DEVICE_TYPE("a device type: one of " + String.join(", ", Devices.TYPES));

  /** The device types the 'type' field takes. */
  public static final List<String> DEVICE_TYPES = Devices.TYPES;

  /**
   * Zone ids of the JDK's tz database in Area/Location form, including the 'backward' links such as
   * US/Eastern and Etc/UTC; bare legacy ids (EST5EDT, CET, GMT, UTC, Cuba) and the SystemV/ ids that the
   * tz database no longer has are refused.
   */
  static final Set<String> TIME_ZONES = ZoneId.getAvailableZoneIds()
    .stream()
    .filter(id -> id.indexOf('/') > 0 && !id.startsWith("SystemV/"))
    .collect(Collectors.toUnmodifiableSet());

  private final String expectation;

  ValueRule(String expectation) {
    this.expectation = expectation;
  }

  /** Exhaustive, without a default: a rule added above does not compile until it says what it accepts. */
  public boolean accepts(String value) {
    return switch (this) {
      case ANY -> true;
      case COUNTRY -> IsoCodes.COUNTRIES.contains(value);
      case LANGUAGE -> IsoCodes.LANGUAGES.contains(value);
      case TIME_ZONE -> TIME_ZONES.contains(value);
      case EMAIL -> EmailSyntax.valid(value);
      case DEVICE_TYPE -> Devices.TYPES.contains(value);
    };
  }

  /** The sentence for a value this rule refuses. */
  public String refusal(String value) {
    return Text.quote(value) + " is not " + expectation;
  }

  /** A holder, so that the constants above may name the list (an enum's own static fields come after them). */
  private static final class Devices {
    static final List<String> TYPES = List.of("phone", "tablet", "smartwatch", "desktop");
  }
}
