package io.segmentgateway.segment.validation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables of the Segments API as data: fields and their types, relations with their aliases and the
 * field types they apply to, how each relation evaluates on a device, and every limit. The validator, the
 * evaluation of devices and the schema files in schemas/ are all built from here, so that one edit changes
 * them together. After an edit, regenerate the schema files and commit both
 * (SchemaFilesTest fails until they agree):
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=io.segmentgateway.segment.validation.SchemaGenerator -Dexec.classpathScope=test
 * </pre>
 */
public final class ConstraintRules {

  /** The value type of a field, as the public documentation names it. */
  public enum FieldType {
    STRING("String", 0, 0),
    INT("Int", 0, Integer.MAX_VALUE),
    LONG("Long", 0, Long.MAX_VALUE),
    TAGS("tags", 0, 0);

    private final String label;
    private final long min;
    private final long max;

    FieldType(String label, long min, long max) {
      this.label = label;
      this.min = min;
      this.max = max;
    }

    public String label() {
      return label;
    }

    public boolean numeric() {
      return this == INT || this == LONG;
    }

    /** Smallest accepted value of a numeric field. */
    public long min() {
      return min;
    }

    /** Largest accepted value of a numeric field. */
    public long max() {
      return max;
    }
  }

  /** A relation: its canonical spelling (stored and returned), its aliases, and where it applies. */
  public enum Relation {
    EXISTS("exists", List.of("EXISTS"), EnumSet.of(FieldType.STRING, FieldType.TAGS)),
    EQUALS("==", List.of("EQUALS", "EQ"), EnumSet.allOf(FieldType.class)),
    NOT_EQUALS("!=", List.of("NOT_EQUALS", "NE"), EnumSet.allOf(FieldType.class)),
    STARTS_WITH("starts_with", List.of("STARTS_WITH"), EnumSet.of(FieldType.STRING)),
    ENDS_WITH("ends_with", List.of("ENDS_WITH"), EnumSet.of(FieldType.STRING)),
    CONTAINS("contains", List.of("CONTAINS"), EnumSet.of(FieldType.STRING, FieldType.TAGS)),
    GREATER_THAN(">", List.of("GREATER_THAN", "GT"), EnumSet.of(FieldType.INT, FieldType.LONG)),
    GREATER_THAN_OR_EQUALS(">=", List.of("GREATER_THAN_OR_EQUALS", "GTE"),
      EnumSet.of(FieldType.INT, FieldType.LONG)),
    LESS_THAN("<", List.of("LESS_THAN", "LT"), EnumSet.of(FieldType.INT, FieldType.LONG)),
    LESS_THAN_OR_EQUALS("<=", List.of("LESS_THAN_OR_EQUALS", "LTE"), EnumSet.of(FieldType.INT, FieldType.LONG));

    private final String canonical;
    private final List<String> aliases;
    private final Set<FieldType> appliesTo;

    Relation(String canonical, List<String> aliases, Set<FieldType> appliesTo) {
      this.canonical = canonical;
      this.aliases = aliases;
      this.appliesTo = Collections.unmodifiableSet(appliesTo);
    }

    public String canonical() {
      return canonical;
    }

    /** Other accepted spellings; like the canonical form, each is accepted in any letter case. */
    public List<String> aliases() {
      return aliases;
    }

    public boolean appliesTo(FieldType type) {
      return appliesTo.contains(type);
    }
  }

  /** The operator that combines the conditions of one group. */
  public enum GroupType {
    AND,
    OR;

    /** Whether a group of this type matches when held of its conditions hold. Exhaustive, without a default. */
    public boolean matches(int held, int conditions) {
      return switch (this) {
        case AND -> held == conditions;
        case OR -> held > 0;
      };
    }
  }

  /** One field a condition can test. */
  public record Field(String name, FieldType type, ValueRule rule) {
  }

  public static final int MAX_GROUPS = 100;
  /** Devices in one evaluate call. */
  public static final int MIN_DEVICES = 1;
  public static final int MAX_DEVICES = 1000;
  /** Tags of one device; each is MIN_VALUE_LENGTH..MAX_VALUE_LENGTH characters, like a tag in a condition. */
  public static final int MAX_TAGS = 100;
  /**
   * Condition results of one evaluate call, devices × conditions, that the event loop evaluates itself; a call with
   * more is evaluated on a worker (EvaluationBenchmark measures the worst call on the loop).
   */
  public static final int MAX_EVALUATED_CONDITIONS = 10_000;
  /**
   * Characters of device values that the starts_with, ends_with and contains conditions of one evaluate call on the
   * event loop read (each reads the value of every device that has its field); a call that reads more runs on a
   * worker.
   */
  public static final int MAX_READ_CHARACTERS = 200_000;
  public static final int MIN_CONDITIONS = 1;
  public static final int MAX_CONDITIONS = 10;
  /** String condition values and tags, in characters (Unicode code points); device strings may be empty. */
  public static final int MIN_VALUE_LENGTH = 1;
  public static final int MAX_VALUE_LENGTH = 256;
  /** The segment name, in characters after trimming (see {@link #TRIMMED}). */
  public static final int MIN_NAME_LENGTH = 1;
  public static final int MAX_NAME_LENGTH = 255;
  public static final int MAX_DESCRIPTION_LENGTH = 2000;
  /** Problems listed in one answer; more are counted in a last entry (a 64 KiB body can hold 40,000). */
  public static final int MAX_LISTED_PROBLEMS = 1000;
  /**
   * The same for the evaluate bodies, which are refused on the event loop in the time a call may take: writing a
   * thousand problems takes about a millisecond.
   */
  public static final int MAX_LISTED_EVALUATE_PROBLEMS = 100;
  public static final String ID_PREFIX = "seg_";
  /** The id is ID_PREFIX followed by 1..ID_MAX_CHARS ASCII letters or digits. */
  public static final int ID_MAX_CHARS = 64;

  /** The characters trimming removes from both ends of a name (see {@link Text#TRIMMED}). */
  public static final String TRIMMED = Text.TRIMMED;

  /** The device types the 'type' field takes. */
  public static final List<String> DEVICE_TYPES = ValueRule.DEVICE_TYPES;

  private static final Map<String, Field> FIELDS = fields(
    new Field("country", FieldType.STRING, ValueRule.COUNTRY),
    new Field("language", FieldType.STRING, ValueRule.LANGUAGE),
    new Field("timezone", FieldType.STRING, ValueRule.TIME_ZONE),
    new Field("appVersion", FieldType.STRING, ValueRule.ANY),
    new Field("appVersionCode", FieldType.INT, ValueRule.ANY),
    new Field("osApi", FieldType.STRING, ValueRule.ANY),
    new Field("osVersion", FieldType.STRING, ValueRule.ANY),
    new Field("customUserId", FieldType.STRING, ValueRule.ANY),
    new Field("email", FieldType.STRING, ValueRule.EMAIL),
    new Field("type", FieldType.STRING, ValueRule.DEVICE_TYPE),
    new Field("firstSession", FieldType.LONG, ValueRule.ANY),
    new Field("lastSession", FieldType.LONG, ValueRule.ANY),
    new Field("sessionCount", FieldType.INT, ValueRule.ANY),
    new Field("createdAt", FieldType.LONG, ValueRule.ANY),
    new Field("id", FieldType.STRING, ValueRule.ANY),
    new Field("pushToken", FieldType.STRING, ValueRule.ANY),
    new Field("unRegisteredAt", FieldType.LONG, ValueRule.ANY),
    new Field("deviceModel", FieldType.STRING, ValueRule.ANY),
    new Field("deviceManufacturer", FieldType.STRING, ValueRule.ANY),
    new Field("tags", FieldType.TAGS, ValueRule.ANY));

  private ConstraintRules() {
  }

  /** A segment id: ID_PREFIX then 1..ID_MAX_CHARS of [A-Za-z0-9], nothing else. */
  public static boolean isSegmentId(String id) {
    int prefix = ID_PREFIX.length();
    int n = id.length();
    if (n <= prefix || n > prefix + ID_MAX_CHARS || !id.startsWith(ID_PREFIX)) {
      return false;
    }
    for (int i = prefix; i < n; i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** Every field, in the order of the public documentation. */
  public static Map<String, Field> fields() {
    return FIELDS;
  }

  /** The field of that exact name, or null. */
  public static Field field(String name) {
    return FIELDS.get(name);
  }

  /**
   * Whether a device's value satisfies a condition: the contract's semantics table, in one place beside the
   * tables it reads. Exhaustive over Relation and FieldType, without a default: a relation or a field type added
   * above does not compile until it says how it evaluates; a new field evaluates as its type does.
   *
   * @param actual the device's value: a String (String fields), a Long (Int and Long fields), Tags (never null:
   *     a device without the member has none), or null when the device lacks the field
   * @param expected the condition's canonical value as {@link #operand} gives it
   */
  public static boolean holds(Relation relation, FieldType type, Object actual, Object expected) {
    return switch (relation) {
      case EXISTS -> present(type, actual) == (Boolean) expected;
      // A device that lacks the field is neither equal nor different: an unknown value is not "different".
      case EQUALS -> actual != null && equal(type, actual, expected);
      case NOT_EQUALS -> actual != null && !equal(type, actual, expected);
      case STARTS_WITH -> actual != null && text(relation, type, actual).startsWith((String) expected);
      case ENDS_WITH -> actual != null && text(relation, type, actual).endsWith((String) expected);
      case CONTAINS -> actual != null && (type == FieldType.TAGS
        ? ((Tags) actual).has((String) expected)
        : ((Substring) expected).in(text(relation, type, actual)));
      case GREATER_THAN -> actual != null && number(relation, type, actual) > ((Number) expected).longValue();
      case GREATER_THAN_OR_EQUALS -> actual != null
        && number(relation, type, actual) >= ((Number) expected).longValue();
      case LESS_THAN -> actual != null && number(relation, type, actual) < ((Number) expected).longValue();
      case LESS_THAN_OR_EQUALS -> actual != null && number(relation, type, actual) <= ((Number) expected).longValue();
    };
  }

  /**
   * The form of a condition's canonical value that {@link #holds} reads: a contains value of a String field compiled
   * for substring search in linear time, any other value as it is.
   */
  public static Object operand(Relation relation, FieldType type, Object value) {
    return relation == Relation.CONTAINS && type == FieldType.STRING ? Substring.of((String) value) : value;
  }

  /**
   * Whether the relation reads a String value character by character (its cost grows with the value's length):
   * what the limit on the characters an evaluate call reads counts.
   */
  public static boolean reads(Relation relation, FieldType type) {
    return type == FieldType.STRING
      && (relation == Relation.STARTS_WITH || relation == Relation.ENDS_WITH || relation == Relation.CONTAINS);
  }

  /** exists: a String or number is there or not; tags are there when there is at least one. */
  private static boolean present(FieldType type, Object actual) {
    return switch (type) {
      case STRING, INT, LONG -> actual != null;
      case TAGS -> !((Tags) actual).isEmpty();
    };
  }

  /** == : strings exactly, letter case included; numbers as integers; tags: has this exact tag. */
  private static boolean equal(FieldType type, Object actual, Object expected) {
    return switch (type) {
      case STRING -> actual.equals(expected);
      case INT, LONG -> (Long) actual == ((Number) expected).longValue();
      case TAGS -> ((Tags) actual).has((String) expected);
    };
  }

  private static String text(Relation relation, FieldType type, Object actual) {
    if (type != FieldType.STRING) {
      throw new IllegalArgumentException(relation.canonical() + " does not apply to " + type.label() + " fields");
    }
    return (String) actual;
  }

  private static long number(Relation relation, FieldType type, Object actual) {
    if (!type.numeric()) {
      throw new IllegalArgumentException(relation.canonical() + " does not apply to " + type.label() + " fields");
    }
    return (Long) actual;
  }

  private static Map<String, Field> fields(Field... fields) {
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field field : fields) {
      byName.put(field.name(), field);
    }
    return Collections.unmodifiableMap(byName);
  }
}
