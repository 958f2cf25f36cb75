package io.segmentgateway.http;

import java.util.List;
import java.util.Locale;

/**
 * The return preference of RFC 7240 (Prefer: return=minimal | return=representation), the only preference the
 * service honours. Preferences are a comma-separated list, names in any letter case, values exact and maybe
 * quoted, each maybe with parameters after ';'; one that cannot be read is ignored, as the RFC asks.
 */
public final class Prefer {

  public static final String HEADER = "Prefer";
  public static final String APPLIED = "Preference-Applied";
  public static final String MINIMAL = "return=minimal";

  private Prefer() {
  }

  /** True when the request prefers an answer without the resource's representation. */
  public static boolean minimal(List<String> headers) {
    for (String header : headers) {
      for (String preference : header.split(",")) {
        String[] parts = preference.split(";", 2)[0].split("=", 2);
        if (parts.length == 2 && parts[0].trim().toLowerCase(Locale.ROOT).equals("return")) {
          String value = parts[1].trim();
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          // The first return preference counts (RFC 7240 §2: a repeated preference is ignored). Names compare in
          // any letter case, values exactly (§2): return=MINIMAL is not return=minimal, and is ignored.
          return value.equals("minimal");
        }
      }
    }
    return false;
  }
}
