package io.segmentgateway.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads series out of a Prometheus text exposition, as the tests need them: by name and some labels. */
public final class PrometheusText {

  private final String text;

  public PrometheusText(String text) {
    this.text = text;
  }

  /** The sample lines (no comments) of the series called name whose labels include every one given. */
  public List<String> lines(String name, Map<String, String> labels) {
    List<String> found = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      boolean all = labels.entrySet().stream()
          .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""));
      if (all) {
        found.add(line);
      }
    }
    return found;
  }

  /** The value of the one series that matches, or 0 when none does yet (a counter not yet created). */
  public double value(String name, Map<String, String> labels) {
    List<String> found = lines(name, labels);
    if (found.size() > 1) {
      throw new AssertionError("more than one series matches " + name + labels + ": " + found);
    }
    if (found.isEmpty()) {
      return 0;
    }
    String line = found.get(0);
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  public boolean has(String name) {
    return !lines(name, Map.of()).isEmpty();
  }

  @Override
  public String toString() {
    return text;
  }
}
