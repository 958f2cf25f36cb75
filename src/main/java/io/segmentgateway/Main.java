package io.segmentgateway;

import io.segmentgateway.config.AppConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** The command line: serve (the default), the key commands (KeyCommands), warm-up. */
public final class Main {

  /** run()'s answer for "serve": the server runs on non-daemon threads until the process is stopped. */
  static final int KEEP_RUNNING = -1;

  private static final String USAGE = String.join(System.lineSeparator(),
      "usage: segment-gateway [serve]                  serve the API (PORT, PG*, REDIS_URL or conf/config.json)",
      "       segment-gateway create-key --app <app> [--rate <per second> --burst <requests>]",
      "                                                print a new API key for <app>, with its own rate limit",
      "       segment-gateway set-key-limit <key> --rate <per second> --burst <requests>",
      "       segment-gateway set-key-limit <key> --default",
      "                                                give a key its own rate limit, or the default one again",
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
        return orUsage(KeyCommands.createKey(args, env, out, err), err);
      case "set-key-limit":
        return orUsage(KeyCommands.setKeyLimit(args, env, err), err);
      case "revoke-key":
        return orUsage(KeyCommands.revokeKey(args, env, err), err);
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

  /** Prints the usage; 2 is the exit status of a command line that makes no sense. */
  private static int usage(PrintStream err) {
    err.println(USAGE);
    return 2;
  }

  private static int orUsage(int code, PrintStream err) {
    return code == KeyCommands.WRONG_USAGE ? usage(err) : code;
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
