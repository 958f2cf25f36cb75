package io.segmentgateway.segment.validation;

/** The checked devices of an evaluate body, in order: each an array of its values by field slot (FieldSlots). */
public final class Devices {

  private final Object[][] values;

  Devices(Object[][] values) {
    this.values = values;
  }

  public int size() {
    return values.length;
  }

  /** Device d's value of the field in that slot: a String, a Long, Tags, or null when it lacks the field. */
  Object value(int d, int slot) {
    return values[d][slot];
  }
}
