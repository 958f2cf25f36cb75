package io.segmentgateway.segment.validation;

/** RFC 6901 JSON pointers of the places in a segment or evaluate body, built only when a problem needs one. */
final class Pointers {

  static final String ROOT = "";
  static final String CONSTRAINTS = "/constraints";
  static final String DEVICES = "/devices";

  private Pointers() {
  }

  /** One reference token: '~' becomes '~0' and '/' becomes '~1'. */
  static String escape(String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return key;
    }
    return key.replace("~", "~0").replace("/", "~1");
  }

  static String member(String parent, String key) {
    return parent + "/" + escape(key);
  }

  static String group(int g) {
    return CONSTRAINTS + "/" + g;
  }

  static String group(int g, String member) {
    return CONSTRAINTS + "/" + g + "/" + member;
  }

  static String condition(int g, int c) {
    return CONSTRAINTS + "/" + g + "/constraints/" + c;
  }

  static String condition(int g, int c, String member) {
    return CONSTRAINTS + "/" + g + "/constraints/" + c + "/" + member;
  }

  static String device(int d) {
    return DEVICES + "/" + d;
  }

  static String device(int d, String member) {
    return DEVICES + "/" + d + "/" + escape(member);
  }

  static String tag(int d, int t) {
    return DEVICES + "/" + d + "/tags/" + t;
  }
}
