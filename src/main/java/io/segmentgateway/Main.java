package io.segmentgateway;

import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Database;
import io.segmentgateway.db.Migrations;
import io.segmentgateway.db.Statements;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/** The command line: serve (the default), create-key --app <app>, revoke-key <key>, warm-up. */
public final class Main {

  /** run()'s answer for "serve": the server runs on non-daemon threads until the process is stopped. */
  static final int KEEP_RUNNING = -1;

  private static final String USAGE = String.join(System.lineSeparator(),
      "usage: segment-gateway [serve]                  serve the API (PORT, PG* or conf/config.json)",
      "       segment-gateway create-key --app <app>   print a new API key for <app>",
      "       segment-gateway revoke-key <key>         revoke an API key",
      "       segment-gateway warm-up                  start, answer a few requests, stop (for a class archive)");

  private Main() {
  }

  public static void main(String[] args) {
    boolean command = args.length > 0 && !args[0].equals("serve");
    configureLogging(command);
    int code = run(args, System.getenv(), System.out, System.err);
    if (code != KEEP_RUNNING) {
      System.exit(code);
    }
  }

  /** Everything but the process exit, so that tests can run the commands in-process. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "serve" : args[0];
    switch (command) {
      case "serve":
        return args.length <= 1 ? serve(AppConfig.load(env), err) : usage(err);
      case "create-key":
        if (args.length != 3 || !args[1].equals("--app")) {
          return usage(err);
        }
        if (!ApiKeys.validAppId(args[2])) {
          err.println("an app id is 1-64 characters of [A-Za-z0-9._-]");
          return 2;
        }
        return withDatabase(AppConfig.load(env), err, statements -> {
          out.println(ApiKeys.create(statements, args[2]).await());
          return 0;
        });
      case "revoke-key":
        if (args.length != 2) {
          return usage(err);
        }
        if (!ApiKeys.wellFormed(args[1])) {
          err.println("not an API key: a key is sgk_ followed by 32 letters and digits");
          return 1;
        }
        return withDatabase(AppConfig.load(env), err, statements -> {
          if (ApiKeys.revoke(statements, args[1]).await()) {
            err.println("revoked");
            return 0;
          }
          err.println("no active key matches: it is unknown or already revoked");
          return 1;
        });
      case "warm-up":
        return args.length == 1 ? WarmUp.run(AppConfig.load(env), err) : usage(err);
      default:
        return usage(err);
    }
  }

  private static int serve(AppConfig config, PrintStream err) {
    try {
      Server server = Server.start(config);
      Shutdown.install(server, config.lifecycle());
      return KEEP_RUNNING;
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Main.class).error("The service could not start", e);
      err.println("segment-gateway could not start: " + e);
      return 1;
    }
  }

  /** For the key commands: schema migrated (a fresh database works), one small pool, closed afterwards. */
  private static int withDatabase(AppConfig config, PrintStream err, Function<Statements, Integer> action) {
    Vertx vertx = null;
    try {
      Migrations.migrate(config.db());
      vertx = Vertx.vertx();
      AppConfig single = config.withInstances(1);
      return action.apply(new Statements(Database.createPool(vertx, single), single.db().queryTimeoutMillis()));
    } catch (RuntimeException e) {
      err.println("failed: " + e);
      return 1;
    } finally {
      if (vertx != null) {
        vertx.close().await();
      }
    }
  }

  private static int usage(PrintStream err) {
    err.println(USAGE);
    return 2;
  }

  /**
   * Before the first logger exists: conf/logback.xml beside the working directory, else the jar's copy; a
   * key command logs to stderr so that its stdout holds the key alone; LOG_FORMAT=json for JSON lines.
   */
  private static void configureLogging(boolean command) {
    if (System.getProperty("logback.configurationFile") == null) {
      Path local = Path.of("conf", "logback.xml");
      String file = Files.isRegularFile(local) ? local.toString() : "conf/logback.xml";
      System.setProperty("logback.configurationFile", file);
    }
    if (command) {
      System.setProperty("LOG_TARGET", "System.err");
    }
    // conf/logback.xml picks its appender by this name: any spelling of json, else the readable lines.
    if (System.getProperty("LOG_FORMAT") == null) {
      String format = System.getenv("LOG_FORMAT");
      System.setProperty("LOG_FORMAT", format != null && format.trim().equalsIgnoreCase("json") ? "json" : "text");
    }
  }
}
