package io.segmentgateway.segment.validation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables of the Segments API as data: fields and their types, relations with their aliases and the
 * field types they apply to, and every limit. The validator and the schema files in schemas/ are both built
 * from here, so that one edit changes both. After an edit, regenerate the schema files and commit both
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
  public enum GroupType { AND, OR }

  /** One field a condition can test. */
  public record Field(String name, FieldType type, ValueRule rule) {
  }

  public static final int MAX_GROUPS = 100;
  public static final int MIN_CONDITIONS = 1;
  public static final int MAX_CONDITIONS = 10;
  /** String condition values (and tags), in characters (Unicode code points). */
  public static final int MIN_VALUE_LENGTH = 1;
  public static final int MAX_VALUE_LENGTH = 256;
  /** The segment name, in characters after trimming (see {@link #TRIMMED}). */
  public static final int MIN_NAME_LENGTH = 1;
  public static final int MAX_NAME_LENGTH = 255;
  public static final int MAX_DESCRIPTION_LENGTH = 2000;
  /** Problems listed in one answer; more are counted in a last entry (a 64 KiB body can hold 40,000). */
  public static final int MAX_LISTED_PROBLEMS = 1000;
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

  private static Map<String, Field> fields(Field... fields) {
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field field : fields) {
      byName.put(field.name(), field);
    }
    return Collections.unmodifiableMap(byName);
  }
}
