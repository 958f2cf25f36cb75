package io.segmentgateway.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.contract.impl.ResponseImpl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * openapi.json as the judge of every answer the API tests receive: check() throws an AssertionError naming the
 * request, the status and what the document does not describe. Which part of the document describes an answer:
 * <ul>
 *   <li>a path and method with an operation: the operation's response for the status (no "default" exists, so an
 *       undeclared status fails); HEAD is described by the GET operation, without a body;</li>
 *   <li>a known path and a method without an operation: components/responses/MethodNotAllowed, whose Allow must
 *       be what the path's OPTIONS operation declares;</li>
 *   <li>an unknown path: components/responses/NotFound;</li>
 *   <li>under /v1/, where the key is checked before the path and the method are, also the answers of a key
 *       refused or over its rate, or of a database that cannot check it: Unauthorized, TooManyRequests,
 *       Unavailable;</li>
 *   <li>bytes that are not a readable request (RawHttp): components/responses/UnreadableRequest for 400, 414,
 *       431 and 505, where the path's operation does not declare the status itself.</li>
 * </ul>
 * Loaded once per JVM. A check takes about a millisecond, longer for a segment of many conditions (its
 * constraints are checked against the request schemas they follow).
 */
public final class OpenApiContract {

  private static final String PROTECTED_PREFIX = "/v1/";
  private static final Set<Integer> UNREADABLE = Set.of(400, 414, 431, 505);
  private static volatile OpenApiContract loaded;

  private final OpenAPIContract contract;
  private final ResponseCheck check;
  private final Map<String, Response> shared = new LinkedHashMap<>();

  private OpenApiContract(OpenAPIContract contract) {
    this.contract = contract;
    this.check = new ResponseCheck(contract.getSchemaRepository());
    JsonObject responses = contract.getRawContract()
        .getJsonObject("components")
        .getJsonObject("responses");
    // The contract models only the responses of operations; these shared ones it resolves but does not model.
    for (String name : List.of("MethodNotAllowed", "NotFound", "Unauthorized", "TooManyRequests", "Unavailable",
        "UnreadableRequest")) {
      JsonObject model = responses.getJsonObject(name);
      if (model == null) {
        throw new IllegalStateException("openapi.json has no components/responses/" + name);
      }
      shared.put(name, new ResponseImpl(model, name));
    }
  }

  public static OpenApiContract get() {
    OpenApiContract contract = loaded;
    if (contract == null) {
      synchronized (OpenApiContract.class) {
        if (loaded == null) {
          loaded = new OpenApiContract(ContractDocument.load());
        }
        contract = loaded;
      }
    }
    return contract;
  }

  /** The operations of the document, for the test that compares them with the route table. */
  public List<Operation> operations() {
    return contract.operations();
  }

  /** An answer to a request the client made as HTTP/1.1 (WebClient, HttpClient): throws when undescribed. */
  public void check(HttpMethod method, String uri, int status, MultiMap headers, Buffer body) {
    check(method, uri, status, headers, body, false);
  }

  /** An answer to bytes written on a socket, which may not be a request the server can read at all. */
  public void checkRaw(HttpMethod method, String uri, int status, MultiMap headers, Buffer body) {
    check(method, uri, status, headers, body, true);
  }

  private void check(HttpMethod method, String uri, int status, MultiMap headers, Buffer body, boolean raw) {
    String path = pathOf(uri);
    boolean head = HttpMethod.HEAD.equals(method);
    Path described = path == null ? null : contract.findPath(path);
    Operation operation = described == null ? null
        : contract.findOperation(path, head ? HttpMethod.GET : method);
    Response response = operation == null ? null : operation.getResponse(status);
    String name = operation == null ? null : operation.getOperationId();
    if (response == null && raw && UNREADABLE.contains(status)) {
      response = shared.get("UnreadableRequest");
      name = "UnreadableRequest";
    }
    if (response == null && operation == null) {
      name = sharedFor(status, described != null, path != null && path.startsWith(PROTECTED_PREFIX));
      response = shared.get(name);
    }
    String where = method + " " + uri + " -> " + status + " (" + (name == null ? "no response" : name) + ")";
    if (response == null) {
      throw new AssertionError(where + ": the document declares no response " + status + " for this request");
    }
    Set<String> found = check.findings(response, headers, body, head);
    if ("MethodNotAllowed".equals(name)) {
      String allow = allowFinding(described, headers.get("Allow"));
      if (allow != null) {
        found.add(allow);
      }
    }
    if (!found.isEmpty()) {
      throw new AssertionError(where + ": " + String.join("; ", found));
    }
  }

  /** The shared response for a request that no operation describes; null when none fits the status. */
  private static String sharedFor(int status, boolean knownPath, boolean keyProtected) {
    if (status == 405 && knownPath) {
      return "MethodNotAllowed";
    }
    if (status == 404 && !knownPath) {
      return "NotFound";
    }
    if (keyProtected) {
      return status == 401 ? "Unauthorized" : status == 429 ? "TooManyRequests" : status == 503 ? "Unavailable" : null;
    }
    return null;
  }

  /** A 405 names what OPTIONS on its path answers. */
  private String allowFinding(Path path, String allow) {
    Operation options = path.getOperations().stream()
        .filter(op -> HttpMethod.OPTIONS.equals(op.getHttpMethod()))
        .findFirst()
        .orElse(null);
    Response allowed = options == null ? null : options.getResponse(204);
    if (allowed == null) {
      return "the path " + path.getName() + " has no OPTIONS operation with a 204 to say what it allows";
    }
    for (Parameter header : allowed.getHeaders()) {
      if (header.getName().equalsIgnoreCase("Allow")) {
        return check.headerFinding(header, allow);
      }
    }
    return "OPTIONS " + path.getName() + " declares no Allow header";
  }

  /** The path without query or fragment, and without a trailing slash (the router ignores it); null if empty. */
  private static String pathOf(String uri) {
    int end = uri.length();
    for (char c : new char[] {'?', '#'}) {
      int at = uri.indexOf(c);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String path = uri.substring(0, end);
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.startsWith("/") ? path : null;
  }
}
