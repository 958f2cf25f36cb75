package io.segmentgateway.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads settings: the environment variable when it is set, else the file. The file is the jar's copy of
 * conf/config.json (the defaults, and their only source) with a conf/config.json in the working directory laid
 * over it, member by member. A setting missing from both is a fault of the build, and says so.
 */
final class Settings {

  /** Where conf/config.json is looked for first; the jar's copy is the base. */
  static final Path CONFIG_FILE = Path.of("conf", "config.json");

  private static final String CLASSPATH_CONFIG = "conf/config.json";

  private final JsonObject root;
  private final Map<String, String> env;

  private Settings(JsonObject root, Map<String, String> env) {
    this.root = root;
    this.env = env;
  }

  /** The shipped defaults, then the local file, then json, each laid over the one before. */
  static Settings of(JsonObject json, Map<String, String> env) {
    JsonObject merged = shipped();
    if (Files.isRegularFile(CONFIG_FILE)) {
      merge(merged, read(CONFIG_FILE));
    }
    return new Settings(merge(merged, json), env);
  }

  /** The shipped defaults with json laid over them, and nothing from the working directory (tests of the file). */
  static Settings overShipped(JsonObject json, Map<String, String> env) {
    return new Settings(merge(shipped(), json), env);
  }

  JsonObject json() {
    return root;
  }

  int integer(String path) {
    return ((Number) value(path)).intValue();
  }

  int integer(String path, String variable) {
    String text = variable(variable);
    return text == null ? integer(path) : parseInt(variable, text);
  }

  long longValue(String path) {
    return ((Number) value(path)).longValue();
  }

  /** variable: the environment variable that overrides the file, or null for none. */
  double number(String path, String variable) {
    String text = variable == null ? null : variable(variable);
    if (text == null) {
      return ((Number) value(path)).doubleValue();
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " must be a number, got '" + text + "'");
    }
  }

  boolean flag(String path) {
    return (Boolean) value(path);
  }

  boolean flag(String path, String variable) {
    String text = variable(variable);
    if (text == null) {
      return flag(path);
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "on", "1" -> true;
      case "false", "off", "0" -> false;
      default -> throw new IllegalArgumentException(variable + " must be true or false, got '" + text + "'");
    };
  }

  /** A text setting, which may be null in the file (a password). */
  String text(String path) {
    Object value = valueOrNull(path);
    return value == null ? null : value.toString();
  }

  String text(String path, String... variables) {
    for (String variable : variables) {
      // libpq treats an empty variable as unset; so do we.
      String value = env.get(variable);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return text(path);
  }

  /** The variable's value, or null when it is unset or blank. */
  String variable(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  private static int parseInt(String variable, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " must be a number, got '" + text + "'");
    }
  }

  private Object value(String path) {
    Object value = valueOrNull(path);
    if (value == null) {
      throw new IllegalStateException("conf/config.json has no setting " + path);
    }
    return value;
  }

  /** "database.poolMaxSize": the member poolMaxSize of the object database. */
  private Object valueOrNull(String path) {
    JsonObject section = root;
    String[] names = path.split("\\.");
    for (int i = 0; i < names.length - 1; i++) {
      section = section.getJsonObject(names[i]);
      if (section == null) {
        return null;
      }
    }
    return section.getValue(names[names.length - 1]);
  }

  /** Lays over onto base: objects member by member, anything else replaced. */
  static JsonObject merge(JsonObject base, JsonObject over) {
    for (String name : over.fieldNames()) {
      Object value = over.getValue(name);
      Object below = base.getValue(name);
      if (value instanceof JsonObject && below instanceof JsonObject) {
        merge((JsonObject) below, (JsonObject) value);
      } else {
        base.put(name, value instanceof JsonObject ? ((JsonObject) value).copy() : value);
      }
    }
    return base;
  }

  private static JsonObject shipped() {
    try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(CLASSPATH_CONFIG)) {
      if (in == null) {
        throw new IllegalStateException(CLASSPATH_CONFIG + " is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CLASSPATH_CONFIG, e);
    }
  }

  private static JsonObject read(Path file) {
    try {
      return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
