package io.segmentgateway.segment.validation;

import io.segmentgateway.http.BodyProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects the problems of one body in document order. It lists at most
 * {@link ConstraintRules#MAX_LISTED_PROBLEMS} (or another limit) and then only counts, ending the list with one
 * entry that says how many more there are: a 64 KiB body can hold 40,000 problems, and a response listing them
 * all would be megabytes. Pointers inside groups are built only for listed problems.
 */
final class Problems {

  private final int limit;
  private List<BodyProblem> list;
  private int listed;
  private int unlisted;
  private boolean unlistedSchema;

  Problems() {
    this(ConstraintRules.MAX_LISTED_PROBLEMS);
  }

  /** limit: the most problems listed. */
  Problems(int limit) {
    this.limit = limit;
  }

  void schema(String pointer, String message) {
    if (listing()) {
      add(new BodyProblem(pointer, message, BodyProblem.Source.SCHEMA));
    } else {
      unlisted++;
      unlistedSchema = true;
    }
  }

  void rule(String pointer, String message) {
    if (listing()) {
      add(new BodyProblem(pointer, message, BodyProblem.Source.RULE));
    } else {
      unlisted++;
    }
  }

  /** A problem of group g, or of its member when member is not null. */
  void schemaInGroup(int g, String member, String message) {
    if (listing()) {
      schema(member == null ? Pointers.group(g) : Pointers.group(g, member), message);
    } else {
      schema(null, message);
    }
  }

  /** A problem of condition c of group g, or of its member when member is not null. */
  void schemaInCondition(int g, int c, String member, String message) {
    if (listing()) {
      schema(member == null ? Pointers.condition(g, c) : Pointers.condition(g, c, member), message);
    } else {
      schema(null, message);
    }
  }

  void ruleInCondition(int g, int c, String member, String message) {
    if (listing()) {
      rule(Pointers.condition(g, c, member), message);
    } else {
      rule(null, message);
    }
  }

  /**
   * A member that the object at group g, condition c may not have; g < 0 means the body itself, c < 0
   * the group. The expectation completes the sentence ("; expected one of ...").
   */
  void unknownMember(int g, int c, String key, String expectation) {
    if (!listing()) {
      schema(null, null);
      return;
    }
    String parent = g < 0 ? Pointers.ROOT : c < 0 ? Pointers.group(g) : Pointers.condition(g, c);
    schema(Pointers.member(parent, key), "unknown member " + Text.quote(key) + expectation);
  }

  boolean none() {
    return listed == 0;
  }

  List<BodyProblem> list() {
    if (list == null) {
      return List.of();
    }
    if (unlisted > 0) {
      List<BodyProblem> all = new ArrayList<>(list);
      all.add(new BodyProblem(Pointers.ROOT, "and " + unlisted + " more problems, not listed: at most "
        + limit + " are listed at once",
        unlistedSchema ? BodyProblem.Source.SCHEMA : BodyProblem.Source.RULE));
      return Collections.unmodifiableList(all);
    }
    return Collections.unmodifiableList(list);
  }

  /** Whether a new problem would be listed: callers skip building a message that would not be. */
  boolean listing() {
    return listed < limit;
  }

  private void add(BodyProblem problem) {
    if (list == null) {
      list = new ArrayList<>();
    }
    list.add(problem);
    listed++;
  }
}
