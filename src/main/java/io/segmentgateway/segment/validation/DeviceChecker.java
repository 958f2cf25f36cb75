package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Field;
import io.segmentgateway.segment.validation.ConstraintRules.FieldType;
import java.util.List;
import java.util.Map;

/**
 * Checks the devices of an evaluate body: 1 to MAX_DEVICES objects whose members are fields of the field table,
 * each of its field's type. Format rules (ISO codes, zones, e-mail) are not applied: a device is data, not a
 * condition. The schema verdict it gives is the one device.json gives; problems only the rules see are RULE.
 */
final class DeviceChecker {

  /** Short, as a body can hold a thousand of them: the schema file lists the names. */
  private static final String UNKNOWN_MEMBER = "; a device's members are field names (/schemas/device.json)";
  private static final String NOT_AN_OBJECT = "a device must be an object of field values such as"
    + " {\"country\": \"PL\"}, got ";
  private static final String NULL_MEMBER = "must not be null; leave the member out when the device lacks the field";
  private static final String TEXT_LENGTH = "must be at most " + ConstraintRules.MAX_VALUE_LENGTH
    + " characters, got ";
  private static final String TAG_LENGTH = "a tag must be " + ConstraintRules.MIN_VALUE_LENGTH + " to "
    + ConstraintRules.MAX_VALUE_LENGTH + " characters, got ";

  private DeviceChecker() {
  }

  /** The checked devices, or null when they have problems or earlier parts of the body had some. */
  static Devices check(Object raw, Problems problems) {
    List<Object> list = JsonValues.array(raw);
    if (list == null) {
      problems.schema(Pointers.DEVICES, raw == null ? "must not be null"
        : "must be an array of " + ConstraintRules.MIN_DEVICES + " to " + ConstraintRules.MAX_DEVICES
        + " devices, got " + JsonValues.kind(raw));
      return null;
    }
    int size = list.size();
    if (size < ConstraintRules.MIN_DEVICES) {
      problems.schema(Pointers.DEVICES, "at least " + ConstraintRules.MIN_DEVICES + " device, got " + size);
    } else if (size > ConstraintRules.MAX_DEVICES) {
      problems.schema(Pointers.DEVICES, "at most " + ConstraintRules.MAX_DEVICES + " devices, got " + size);
    }
    Object[][] devices = new Object[size][];
    for (int d = 0; d < size; d++) {
      devices[d] = device(list.get(d), d, problems);
    }
    return problems.none() ? new Devices(devices) : null;
  }

  private static Object[] device(Object raw, int d, Problems problems) {
    Map<String, Object> members = JsonValues.object(raw);
    if (members == null) {
      problems.schema(problems.listing() ? Pointers.device(d) : null,
        raw == null ? "must not be null" : problems.listing() ? NOT_AN_OBJECT + JsonValues.kind(raw) : null);
      return null;
    }
    Object[] values = FieldSlots.empty();
    for (Map.Entry<String, Object> member : members.entrySet()) {
      int slot = FieldSlots.of(member.getKey());
      if (slot < 0) {
        problems.schema(problems.listing() ? Pointers.device(d, member.getKey()) : null, problems.listing()
          ? "unknown member " + Text.quote(member.getKey()) + UNKNOWN_MEMBER
          : null);
      } else {
        values[slot] = value(FieldSlots.at(slot), member.getValue(), d, problems);
      }
    }
    return values;
  }

  private static Object value(Field field, Object value, int d, Problems problems) {
    if (value == null) {
      problems.schema(problems.listing() ? Pointers.device(d, field.name()) : null, NULL_MEMBER);
      return null;
    }
    FieldType type = field.type();
    return switch (type) {
      case STRING -> text(field, value, d, problems);
      case INT, LONG -> number(field, value, d, problems);
      case TAGS -> tags(value, d, problems);
    };
  }

  private static String text(Field field, Object value, int d, Problems problems) {
    if (!(value instanceof String)) {
      problems.schema(problems.listing() ? Pointers.device(d, field.name()) : null, problems.listing()
        ? "String field '" + field.name() + "' takes a string, got " + JsonValues.kind(value) : null);
      return null;
    }
    String text = (String) value;
    if (tooLong(text)) {
      problems.schema(problems.listing() ? Pointers.device(d, field.name()) : null,
        problems.listing() ? TEXT_LENGTH + Text.length(text) : null);
      return null;
    }
    return text;
  }

  private static Long number(Field field, Object value, int d, Problems problems) {
    FieldType type = field.type();
    if (!(value instanceof Number)
      || !SchemaNumbers.isInteger((Number) value)
      || !SchemaNumbers.inRange((Number) value, type.min(), type.max())) {
      problems.schema(problems.listing() ? Pointers.device(d, field.name()) : null, problems.listing()
        ? type.label() + " field '" + field.name() + "' takes an integer between " + type.min() + " and "
        + type.max() + ", got " + JsonValues.show(value) : null);
      return null;
    }
    // As for condition values: the schema's 'integer' takes 5.0 and 1e2; the contract's "JSON integer" does not.
    if (!SchemaNumbers.integerLiteral((Number) value)) {
      problems.rule(problems.listing() ? Pointers.device(d, field.name()) : null, problems.listing()
        ? "must be a JSON integer, without fraction or exponent, got " + JsonValues.show(value) : null);
      return null;
    }
    return SchemaNumbers.exactLong((Number) value);
  }

  private static Tags tags(Object value, int d, Problems problems) {
    List<Object> list = JsonValues.array(value);
    if (list == null) {
      problems.schema(problems.listing() ? Pointers.device(d, "tags") : null,
        problems.listing() ? "must be an array of tags (strings), got " + JsonValues.kind(value) : null);
      return null;
    }
    int size = list.size();
    if (size > ConstraintRules.MAX_TAGS) {
      problems.schema(problems.listing() ? Pointers.device(d, "tags") : null,
        problems.listing() ? "at most " + ConstraintRules.MAX_TAGS + " tags, got " + size : null);
    }
    String[] tags = new String[size];
    for (int t = 0; t < size; t++) {
      tags[t] = tag(list.get(t), d, t, problems);
    }
    return size == 0 ? Tags.NONE : new Tags(tags);
  }

  private static String tag(Object value, int d, int t, Problems problems) {
    if (!(value instanceof String)) {
      problems.schema(problems.listing() ? Pointers.tag(d, t) : null, value == null ? "must not be null"
        : problems.listing() ? "a tag must be a string, got " + JsonValues.kind(value) : null);
      return null;
    }
    String tag = (String) value;
    if (tooShort(tag) || tooLong(tag)) {
      problems.schema(problems.listing() ? Pointers.tag(d, t) : null,
        problems.listing() ? TAG_LENGTH + Text.length(tag) : null);
      return null;
    }
    return tag;
  }

  /** Under MIN_VALUE_LENGTH characters (a surrogate pair is two chars and one character). */
  private static boolean tooShort(String text) {
    return text.length() < 2 * ConstraintRules.MIN_VALUE_LENGTH && Text.length(text) < ConstraintRules.MIN_VALUE_LENGTH;
  }

  /** Over MAX_VALUE_LENGTH characters; code points are counted only where the chars could be too many. */
  private static boolean tooLong(String text) {
    return text.length() > ConstraintRules.MAX_VALUE_LENGTH && Text.length(text) > ConstraintRules.MAX_VALUE_LENGTH;
  }
}
