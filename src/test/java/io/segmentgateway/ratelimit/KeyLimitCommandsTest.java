package io.segmentgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.MainRunner;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestFleet;
import io.segmentgateway.support.TestRedis;
import io.segmentgateway.support.TestServer;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A key's own rate and burst, through the commands, on two instances whose key cache would trust a key for a minute:
 * a change reaches both with the key's next request, carried by the database's notification.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyLimitCommandsTest {

  private static final String DEFAULT_POLICY = "\"api-key\";q=1000;w=1;sg-burst=2000";

  private TestFleet fleet;
  private Map<String, String> env;

  @BeforeAll
  void start() {
    fleet = TestFleet.start(2, TestRedis.url(), c -> c.withKeys(new AppConfig.Keys(60_000, 1000)));
    env = TestServer.env(fleet.first().config().db());
    for (int i = 0; i < fleet.size(); i++) {
      Pause.until("instance " + i + " listening for key changes",
          () -> fleet.instance(0).keyRevocations().listening() && fleet.instance(1).keyRevocations().listening(),
          30_000);
    }
  }

  @AfterAll
  void stop() {
    fleet.close();
  }

  private String policy(int instance, String key) {
    Reply reply = fleet.send(instance, key, HttpMethod.GET, "/v1/segments");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.header("RateLimit-Policy");
  }

  private String createKey(String... options) {
    String[] args = new String[3 + options.length];
    args[0] = "create-key";
    args[1] = "--app";
    args[2] = "limits";
    System.arraycopy(options, 0, args, 3, options.length);
    MainRunner.Result result = MainRunner.run(env, args);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result.out().trim();
  }

  /** Asks the instance until its policy for key is expected (at most 200 times, 10 ms apart), and returns it. */
  private String pollPolicy(int instance, String key, String expected) {
    String seen = policy(instance, key);
    for (int i = 0; i < 200 && !expected.equals(seen); i++) {
      Pause.sleep(10);
      seen = policy(instance, key);
    }
    return seen;
  }

  @Test
  void aKeyCreatedWithItsOwnLimitIsLimitedByItOnEveryInstance() {
    String key = createKey("--burst", "7", "--rate", "5");
    assertThat(policy(0, key)).isEqualTo("\"api-key\";q=5;w=1;sg-burst=7");
    assertThat(policy(1, key)).isEqualTo("\"api-key\";q=5;w=1;sg-burst=7");
    assertThat(policy(0, createKey())).isEqualTo(DEFAULT_POLICY);
  }

  @Test
  void aChangedLimitReachesEveryInstanceWithTheKeysNextRequest() {
    String key = createKey();
    assertThat(policy(0, key)).isEqualTo(DEFAULT_POLICY);
    assertThat(policy(1, key)).isEqualTo(DEFAULT_POLICY);

    MainRunner.Result set = MainRunner.run(env, "set-key-limit", key, "--rate", "2.5", "--burst", "4");
    assertThat(set.exitCode()).as(set.err()).isZero();
    String changed = "\"api-key\";q=5;w=2;sg-burst=4";
    assertThat(pollPolicy(0, key, changed)).isEqualTo(changed);
    assertThat(pollPolicy(1, key, changed)).isEqualTo(changed);

    MainRunner.Result back = MainRunner.run(env, "set-key-limit", key, "--default");
    assertThat(back.exitCode()).as(back.err()).isZero();
    assertThat(pollPolicy(0, key, DEFAULT_POLICY)).isEqualTo(DEFAULT_POLICY);
    assertThat(pollPolicy(1, key, DEFAULT_POLICY)).isEqualTo(DEFAULT_POLICY);
  }

  @Test
  void aLoweredLimitIsEnforcedAcrossTheFleet() {
    String key = createKey();
    policy(0, key);
    policy(1, key);
    assertThat(MainRunner.run(env, "set-key-limit", key, "--rate", "0.001", "--burst", "3").exitCode()).isZero();
    pollPolicy(0, key, "\"api-key\";q=1;w=1000;sg-burst=3");
    pollPolicy(1, key, "\"api-key\";q=1;w=1000;sg-burst=3");
    int admitted = 0;
    for (int i = 0; i < 20; i++) {
      admitted += fleet.send(i % 2, key, HttpMethod.GET, "/v1/segments").status() == 200 ? 1 : 0;
    }
    // What is left of the burst after the two polls above, plus what each instance may pass on credit.
    assertThat(admitted).isLessThanOrEqualTo(3 + fleet.size());
  }

  @Test
  void limitsThatMakeNoSenseAreRefused() {
    String key = createKey();
    String[][] wrong = {
        {"create-key", "--app", "x", "--rate", "5"},
        {"create-key", "--app", "x", "--rate", "0", "--burst", "3"},
        {"create-key", "--app", "x", "--rate", "lots", "--burst", "3"},
        {"set-key-limit", key, "--rate", "5", "--burst", "0"},
    };
    for (String[] args : wrong) {
      MainRunner.Result result = MainRunner.run(env, args);
      assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(result.out()).isEmpty();
      assertThat(result.err()).as(String.join(" ", args)).doesNotContain("usage:");
    }
    for (String[] args : new String[][] {{"set-key-limit", key}, {"set-key-limit", key, "--default", "--rate", "5"},
        {"set-key-limit", key, "--rate"}, {"create-key", "--app", "x", "--colour", "red"}}) {
      MainRunner.Result result = MainRunner.run(env, args);
      assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(result.err()).as(String.join(" ", args)).contains("usage:");
    }
  }

  @Test
  void settingTheLimitOfAnUnknownOrMalformedKeyFails() {
    MainRunner.Result unknown = MainRunner.run(env, "set-key-limit", "sgk_" + "Q".repeat(32), "--default");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no active key");
    MainRunner.Result malformed = MainRunner.run(env, "set-key-limit", "nonsense", "--default");
    assertThat(malformed.exitCode()).isEqualTo(1);
  }
}
