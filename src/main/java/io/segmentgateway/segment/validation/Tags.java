package io.segmentgateway.segment.validation;

/**
 * A device's tags as evaluation reads them: a device without the member has none. "Has this exact tag" scans a
 * few tags; among more it probes a small open-addressing table of their hash codes, built on the first lookup
 * without a node per tag, so that its cost grows neither with the tags a device sends nor with the conditions
 * that test them.
 */
public final class Tags {

  static final Tags NONE = new Tags(new String[0]);

  /** Up to this many tags a scan costs less than building the table. */
  private static final int SCANNED = 8;

  private final String[] tags;
  /** Slot i holds 1 + the index of a tag whose hash lands there, or 0; built on first use (one request, one thread). */
  private int[] table;

  Tags(String[] tags) {
    this.tags = tags;
  }

  public boolean isEmpty() {
    return tags.length == 0;
  }

  /** Whether the device has this exact tag, letter case included. */
  public boolean has(String tag) {
    if (tags.length <= SCANNED) {
      for (String mine : tags) {
        if (mine.equals(tag)) {
          return true;
        }
      }
      return false;
    }
    if (table == null) {
      table = table(tags);
    }
    int mask = table.length - 1;
    for (int slot = spread(tag.hashCode()) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
      if (tags[table[slot] - 1].equals(tag)) {
        return true;
      }
    }
    return false;
  }

  /** A power of two at least twice the tags, so that probes stay short. */
  private static int[] table(String[] tags) {
    int size = Integer.highestOneBit(tags.length * 4 - 1);
    int[] table = new int[size];
    int mask = size - 1;
    for (int i = 0; i < tags.length; i++) {
      int slot = spread(tags[i].hashCode()) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = i + 1;
    }
    return table;
  }

  /** String hashes of short tags differ mostly in their low bits; mix the high ones in. */
  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
