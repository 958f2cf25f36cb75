package io.segmentgateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.OpenApiContract;
import io.segmentgateway.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * openapi.json and the route table of a running server describe the same API: a route without an operation, or
 * an operation without a route, fails here. The routes are read from the server as it runs (Server.router(),
 * package-private, hence this package), so that what is compared is what serves, not a second build of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiRoutesTest {

  private TestServer server;

  @BeforeAll
  void start() {
    server = TestServer.start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void everyRouteHasAnOperationAndEveryOperationARoute() {
    Set<String> routed = new TreeSet<>();
    methodsByPath().forEach((path, methods) -> methods.stream()
        // A GET route answers HEAD too (ApiRouter.get): the document says so once, for every GET.
        .filter(method -> !(method.equals("HEAD") && methods.contains("GET")))
        .forEach(method -> routed.add(method + " " + path)));
    Set<String> documented = OpenApiContract.get().operations().stream()
        .map(op -> op.getHttpMethod().name() + " " + op.getOpenAPIPath())
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(minus(routed, documented)).as("routes without an operation in openapi.json").isEmpty();
    assertThat(minus(documented, routed)).as("operations of openapi.json without a route").isEmpty();
  }

  @Test
  void everyGetRouteAnswersHeadAndEveryPathRefusesOtherMethods() {
    Map<String, Set<String>> methods = methodsByPath();
    Set<String> refusing = server.server().router().getRoutes().stream()
        .filter(route -> route.getPath() != null && route.isExactPath() && route.methods() == null)
        .map(route -> template(route.getPath()))
        .collect(Collectors.toSet());
    methods.forEach((path, allowed) -> {
      if (allowed.contains("GET")) {
        assertThat(allowed).as("the methods of %s", path).contains("HEAD");
      }
    });
    assertThat(refusing).as("paths with a 405 for the methods they do not allow").isEqualTo(methods.keySet());
  }

  @Test
  void optionsNamesExactlyTheMethodsThePathIsRoutedFor() {
    Map<String, Set<String>> methods = methodsByPath();
    for (Operation op : OpenApiContract.get().operations()) {
      if (op.getHttpMethod() == HttpMethod.OPTIONS) {
        Parameter allow = op.getResponse(204).getHeaders().stream()
            .filter(header -> header.getName().equals("Allow"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("OPTIONS " + op.getOpenAPIPath() + " declares no Allow"));
        String value = allow.getSchema().get("const");
        Set<String> named = Arrays.stream(value.split(","))
            .map(String::trim)
            .collect(Collectors.toCollection(TreeSet::new));
        assertThat(named).as("Allow of OPTIONS %s", op.getOpenAPIPath()).isEqualTo(methods.get(op.getOpenAPIPath()));
      }
    }
  }

  /**
   * The methods of each exact-path route, by path in the document's form ({id} for :id). Routes for any method
   * (the 405s) and the ones without a path of their own (route(), /v1/*) are not operations.
   */
  private Map<String, Set<String>> methodsByPath() {
    Map<String, Set<String>> methods = new TreeMap<>();
    for (Route route : server.server().router().getRoutes()) {
      if (route.getPath() != null && route.isExactPath() && route.methods() != null) {
        Set<String> names = methods.computeIfAbsent(template(route.getPath()), path -> new TreeSet<>());
        route.methods().forEach(method -> names.add(method.name()));
      }
    }
    return methods;
  }

  private static String template(String routePath) {
    return routePath.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }

  private static Set<String> minus(Set<String> all, Set<String> taken) {
    Set<String> left = new TreeSet<>(all);
    left.removeAll(taken);
    return left;
  }
}
