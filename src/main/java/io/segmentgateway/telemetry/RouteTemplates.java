package io.segmentgateway.telemetry;

import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names a request by the route template of the route table that its path matches ("/v1/segments/:id"), never
 * by the path itself, so that a metric label or a log field never holds an id, and so that a 401 or a 429 from
 * the /v1 prefix handlers is still told apart by endpoint. A path no route names is "unmatched".
 *
 * <p>Vert.x Web cannot say which route a failed request was heading for (a failure restarts routing), hence
 * this small matcher over the same table: exact paths, ":param" segments, a trailing slash ignored, as Vert.x
 * matches them.
 */
final class RouteTemplates {

  static final String UNMATCHED = "unmatched";

  private final String[] templates;
  private final HttpMetrics.Route[] routes;
  private final HttpMetrics.Route unmatched;

  private RouteTemplates(List<String> templates, HttpMetrics metrics) {
    this.templates = templates.toArray(new String[0]);
    this.routes = new HttpMetrics.Route[this.templates.length];
    for (int i = 0; i < this.templates.length; i++) {
      routes[i] = metrics.route(this.templates[i]);
    }
    this.unmatched = metrics.route(UNMATCHED);
  }

  /** The exact-path routes of a router (prefix routes such as /v1/* name no endpoint). */
  static RouteTemplates of(List<Route> table, HttpMetrics metrics) {
    Set<String> paths = new LinkedHashSet<>();
    for (Route route : table) {
      if (route.getPath() != null && route.isExactPath()) {
        paths.add(route.getPath());
      }
    }
    return new RouteTemplates(new ArrayList<>(paths), metrics);
  }

  HttpMetrics.Route match(String path) {
    if (path != null) {
      for (int i = 0; i < templates.length; i++) {
        if (matches(templates[i], path)) {
          return routes[i];
        }
      }
    }
    return unmatched;
  }

  /** A ":name" segment takes one or more characters up to the next '/'. */
  static boolean matches(String template, String path) {
    int end = path.length();
    if (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    int t = 0;
    int p = 0;
    while (t < template.length() && p < end) {
      char c = template.charAt(t);
      if (c == ':') {
        int segmentEnd = path.indexOf('/', p);
        if (segmentEnd < 0 || segmentEnd > end) {
          segmentEnd = end;
        }
        if (segmentEnd == p) {
          return false;
        }
        int nameEnd = template.indexOf('/', t);
        t = nameEnd < 0 ? template.length() : nameEnd;
        p = segmentEnd;
      } else if (c == path.charAt(p)) {
        t++;
        p++;
      } else {
        return false;
      }
    }
    return t == template.length() && p == end;
  }
}
