package io.segmentgateway.ratelimit;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script of src/main/resources/ratelimit, run on one key. Sent by its SHA-1 (EVALSHA: a few bytes, not the
 * text), and in full (EVAL) when Redis does not know it, which also makes Redis keep it for the next EVALSHA.
 */
final class LuaScript {

  private final String text;
  private final String sha;

  private LuaScript(String text) {
    this.text = text;
    this.sha = sha1(text);
  }

  /** name: a file of src/main/resources/ratelimit. */
  static LuaScript load(String name) {
    String resource = "ratelimit/" + name;
    try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** EVALSHA sha 1 key args…: args are numbers or strings. */
  Request bySha(String key, Object... args) {
    return request(Command.EVALSHA, sha, key, args);
  }

  /** EVAL text 1 key args…, for when Redis answered NOSCRIPT to bySha. */
  Request inFull(String key, Object... args) {
    return request(Command.EVAL, text, key, args);
  }

  private static Request request(Command command, String script, String key, Object[] args) {
    Object[] all = new Object[args.length + 3];
    all[0] = script;
    all[1] = 1;
    all[2] = key;
    System.arraycopy(args, 0, all, 3, args.length);
    return Request.cmd(command, all);
  }

  /** Redis refers to a script by the SHA-1 of its text, in lowercase hex. */
  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
