package io.segmentgateway.support;

import io.segmentgateway.ops.OpenApi;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The published openapi.json and schemas/*.json (the bytes the service serves, read from the classpath), loaded
 * as a vertx-openapi 5.0.7 contract. That version refuses three things the published document does, so the copy
 * it loads differs in exactly these, and in nothing a client sees:
 * <ul>
 *   <li>no "servers": a relative server URL ("/") is a MalformedURLException there;</li>
 *   <li>every $ref to a file is absolute, the file's $id: it resolves no relative reference ("schemas/x.json"
 *       in the document, "members.json#/$defs/id" inside the files), whatever the files are keyed by;</li>
 *   <li>application/problem+json and application/schema+json are named application/vnd.problem+json and
 *       application/vnd.schema+json, and the viewer's text/html, text/css, text/javascript and image/png are named
 *       application/vnd.text.html+json and so on: besides a short list (application/json, text/plain, ...) it
 *       accepts only vnd.*+json names (vendor()). The answers' bodies are still read by their real type.</li>
 * </ul>
 */
final class ContractDocument {

  private static final String DOCUMENT = "openapi.json";
  private static final String SCHEMA_DIR = "schemas/";

  private ContractDocument() {
  }

  /** Blocking, about half a second in a fresh JVM: load it once. */
  static OpenAPIContract load() {
    Map<String, JsonObject> files = new HashMap<>();
    URI root = null;
    for (Map.Entry<String, String> file : OpenApi.load().schemaTexts().entrySet()) {
      JsonObject schema = new JsonObject(file.getValue());
      URI id = URI.create(schema.getString("$id"));
      absoluteRefs(schema, id);
      // The contract stores a file under its $id whatever key it is given; the same key keeps lookups plain.
      files.put(id.toString(), schema);
      root = id.resolve("..");
    }
    if (root == null) {
      throw new IllegalStateException("no schema files on the classpath under " + SCHEMA_DIR);
    }
    JsonObject document = new JsonObject(read(DOCUMENT));
    document.remove("servers");
    // The document sits beside schemas/ (/openapi.json and /schemas/x.json), so its refs resolve against the root.
    absoluteRefs(document, root);
    vendorMediaTypes(document);
    Vertx vertx = Vertx.vertx();
    try {
      return OpenAPIContract.from(vertx, document, files)
          .await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("openapi.json did not load within 60 s", e);
    } finally {
      vertx.close();
    }
  }

  /** The media types vertx-openapi 5.0.7 accepts by their own names. */
  private static final Set<String> ACCEPTED = Set.of("application/json", "application/hal+json",
      "application/octet-stream", "multipart/form-data", "text/plain");

  /**
   * The name this contract gives a media type: application/problem+json -> application/vnd.problem+json,
   * text/html -> application/vnd.text.html+json; the accepted ones keep theirs.
   */
  static String vendor(String type) {
    if (ACCEPTED.contains(type) || (type.startsWith("application/vnd.") && type.endsWith("+json"))) {
      return type;
    }
    int slash = type.indexOf('/');
    if (type.endsWith("+json")) {
      return type.substring(0, slash + 1) + "vnd." + type.substring(slash + 1);
    }
    return "application/vnd." + type.replace('/', '.') + "+json";
  }

  private static void absoluteRefs(Object node, URI base) {
    if (node instanceof JsonObject object) {
      if (object.getValue("$ref") instanceof String ref && !ref.startsWith("#")) {
        object.put("$ref", base.resolve(ref).toString());
      }
      object.forEach(member -> absoluteRefs(member.getValue(), base));
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> absoluteRefs(item, base));
    }
  }

  private static void vendorMediaTypes(Object node) {
    if (node instanceof JsonObject object) {
      if (object.getValue("content") instanceof JsonObject content) {
        for (String type : List.copyOf(content.fieldNames())) {
          content.put(vendor(type), content.remove(type));
        }
      }
      object.forEach(member -> vendorMediaTypes(member.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> vendorMediaTypes(item));
    }
  }

  private static String read(String resource) {
    try (InputStream in = ContractDocument.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
