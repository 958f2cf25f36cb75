package io.segmentgateway;

import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Database;
import io.segmentgateway.db.Migrations;
import io.segmentgateway.db.Statements;
import io.segmentgateway.ratelimit.Limit;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The key commands: create-key --app A [--rate R --burst B], set-key-limit KEY (--rate R --burst B | --default) and
 * revoke-key KEY. Each migrates the database first (a fresh one works) and uses one small pool, closed afterwards.
 */
final class KeyCommands {

  /** What a command answers to a command line that makes no sense: the caller prints the usage and exits 2. */
  static final int WRONG_USAGE = -2;

  private static final String NOT_A_KEY = "not an API key: a key is sgk_ followed by 32 letters and digits";
  private static final String NO_SUCH_KEY = "no active key matches: it is unknown or already revoked";

  /** What a command line said: its options, or a reason to print usage. */
  private record Options(Map<String, String> values, boolean valid) {
  }

  private KeyCommands() {
  }

  static int createKey(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options options = options(args, 1, Set.of("--app", "--rate", "--burst"), Set.of());
    if (!options.valid() || !options.values().containsKey("--app")) {
      return WRONG_USAGE;
    }
    String app = options.values().get("--app");
    if (!ApiKeys.validAppId(app)) {
      err.println("an app id is 1-64 characters of [A-Za-z0-9._-]");
      return 2;
    }
    Limit[] limit = new Limit[1];
    if (options.values().containsKey("--rate") || options.values().containsKey("--burst")) {
      limit[0] = limit(options.values(), err);
      if (limit[0] == null) {
        return 2;
      }
    }
    return withDatabase(AppConfig.load(env), err, statements -> {
      out.println(ApiKeys.create(statements, app, limit[0]).await());
      return 0;
    });
  }

  static int revokeKey(String[] args, Map<String, String> env, PrintStream err) {
    if (args.length != 2) {
      return WRONG_USAGE;
    }
    if (!ApiKeys.wellFormed(args[1])) {
      err.println(NOT_A_KEY);
      return 1;
    }
    return withDatabase(AppConfig.load(env), err, statements -> {
      if (ApiKeys.revoke(statements, args[1]).await()) {
        err.println("revoked");
        return 0;
      }
      err.println(NO_SUCH_KEY);
      return 1;
    });
  }

  static int setKeyLimit(String[] args, Map<String, String> env, PrintStream err) {
    Options options = options(args, 2, Set.of("--rate", "--burst"), Set.of("--default"));
    boolean defaults = options.values().containsKey("--default");
    if (args.length < 3 || !options.valid() || defaults == options.values().containsKey("--rate")) {
      return WRONG_USAGE;
    }
    if (!ApiKeys.wellFormed(args[1])) {
      err.println(NOT_A_KEY);
      return 1;
    }
    Limit limit = defaults ? null : limit(options.values(), err);
    if (!defaults && limit == null) {
      return 2;
    }
    return withDatabase(AppConfig.load(env), err, statements -> {
      if (ApiKeys.setLimit(statements, args[1], limit).await()) {
        err.println(limit == null ? "the key has the service's default limit now" : "the key's limit is " + limit);
        return 0;
      }
      err.println(NO_SUCH_KEY);
      return 1;
    });
  }

  /** --rate and --burst, both needed; null (and why, on err) when they make no limit. */
  private static Limit limit(Map<String, String> values, PrintStream err) {
    String rate = values.get("--rate");
    String burst = values.get("--burst");
    if (rate == null || burst == null) {
      err.println("a key's own limit needs both --rate (requests a second) and --burst (requests at once)");
      return null;
    }
    double perSecond;
    int tokens;
    try {
      perSecond = Double.parseDouble(rate);
      tokens = Integer.parseInt(burst);
    } catch (NumberFormatException e) {
      err.println("--rate is a number of requests a second and --burst a whole number, got " + rate + " and " + burst);
      return null;
    }
    String problem = Limit.problem(perSecond, tokens);
    if (problem != null) {
      err.println(problem);
      return null;
    }
    return Limit.of(perSecond, tokens);
  }

  /** Options from args[from]: each of named takes a value, each of flags none; anything else makes it invalid. */
  private static Options options(String[] args, int from, Set<String> named, Set<String> flags) {
    Map<String, String> values = new HashMap<>();
    for (int i = from; i < args.length; i++) {
      if (flags.contains(args[i]) && !values.containsKey(args[i])) {
        values.put(args[i], "");
      } else if (named.contains(args[i]) && i + 1 < args.length && !values.containsKey(args[i])) {
        values.put(args[i], args[++i]);
      } else {
        return new Options(values, false);
      }
    }
    return new Options(values, true);
  }

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
}
