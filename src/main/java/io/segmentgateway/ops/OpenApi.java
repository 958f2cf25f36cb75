package io.segmentgateway.ops;

import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Serves the API description: /openapi.json and the JSON Schema files it refers to (/schemas/{name}.json),
 * all read from the classpath once, at start-up, so that serving them never touches the disk.
 */
public final class OpenApi {

  private static final String DOCUMENT = "openapi.json";
  private static final String SCHEMA_DIR = "schemas/";

  private final Buffer document;
  private final Map<String, Buffer> schemas;

  private OpenApi(Buffer document, Map<String, Buffer> schemas) {
    this.document = document;
    this.schemas = schemas;
  }

  /** Blocking: call it before the event loops start serving. */
  public static OpenApi load() {
    ClassLoader loader = OpenApi.class.getClassLoader();
    Map<String, Buffer> schemas = new HashMap<>();
    for (String name : schemaNames(loader)) {
      schemas.put(name, read(loader, SCHEMA_DIR + name));
    }
    return new OpenApi(read(loader, DOCUMENT), Map.copyOf(schemas));
  }

  /** The schema files, by name, as text (the reference check reads the same files the document refers to). */
  public Map<String, String> schemaTexts() {
    Map<String, String> texts = new TreeMap<>();
    schemas.forEach((name, bytes) -> texts.put(name, bytes.toString(StandardCharsets.UTF_8)));
    return texts;
  }

  public void document(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(document);
  }

  public void schema(RoutingContext ctx) {
    Buffer schema = schemas.get(ctx.pathParam("name"));
    if (schema == null) {
      throw new ProblemException(Problem.notFound("no such schema"));
    }
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/schema+json")
        .end(schema);
  }

  /** A classpath resource, whole; blocking. */
  static Buffer read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The *.json files directly in schemas/, whether the classpath is a directory (tests) or the jar. */
  private static List<String> schemaNames(ClassLoader loader) {
    URL dir = loader.getResource(SCHEMA_DIR);
    if (dir == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try {
      if ("jar".equals(dir.getProtocol())) {
        JarURLConnection connection = (JarURLConnection) dir.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            String name = entry.startsWith(SCHEMA_DIR) ? entry.substring(SCHEMA_DIR.length()) : "";
            if (name.endsWith(".json") && !name.contains("/")) {
              names.add(name);
            }
          }
        }
      } else {
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
          files.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .forEach(names::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return names;
  }
}
