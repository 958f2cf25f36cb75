package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The devices of an evaluate body, checked as strictly as segment bodies: every limit at its edge and one over, every
 * problem at once with its pointer, calls too large for the event loop answered all the same (from a worker), and
 * the 1 MiB body limit of these two endpoints.
 */
class EvaluateLimitsTest extends ApiTest {

  private static final int LIMIT = 1024 * 1024;
  private static final String SMILE = "\uD83D\uDE00";

  private Reply evaluate(Object body) {
    return sendJson(server.keyA(), HttpMethod.POST, "/v1/segments/evaluate", body);
  }

  private Reply evaluate(JsonArray devices) {
    return evaluate(new JsonObject().put("constraints", new JsonArray()).put("devices", devices));
  }

  /** n copies of the device, each its own object (so that one may be changed alone). */
  private static JsonArray devices(int n, JsonObject device) {
    JsonArray devices = new JsonArray();
    for (int i = 0; i < n; i++) {
      devices.add(device.copy());
    }
    return devices;
  }

  private static JsonArray one(JsonObject device) {
    return new JsonArray().add(device);
  }

  private static List<String> messages(Reply reply) {
    return reply.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("message")).toList();
  }

  private static void assertRefused(Reply reply, String... pointers) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("validation");
    assertThat(PatchTest.pointers(reply)).containsExactly(pointers);
  }

  @Test
  void oneToAThousandDevicesAreEvaluatedAndNoneOrMoreAreRefused() {
    JsonObject device = new JsonObject().put("country", "PL");
    Reply thousand = evaluate(devices(1000, device));
    assertThat(thousand.status()).as(thousand.toString()).isEqualTo(200);
    assertThat(thousand.json().getJsonArray("results")).hasSize(1000);
    assertThat(evaluate(devices(1, device)).status()).isEqualTo(200);

    Reply over = evaluate(devices(1001, device));
    assertRefused(over, "/devices");
    assertThat(messages(over)).containsExactly("at most 1000 devices, got 1001");
    Reply none = evaluate(new JsonArray());
    assertRefused(none, "/devices");
    assertThat(messages(none)).containsExactly("at least 1 device, got 0");
  }

  @Test
  void aDeviceHasAtMostAHundredTags() {
    JsonArray hundred = new JsonArray();
    for (int t = 0; t < 100; t++) {
      hundred.add("t" + t);
    }
    assertThat(evaluate(one(new JsonObject().put("tags", hundred))).status()).isEqualTo(200);

    Reply over = evaluate(one(new JsonObject().put("tags", hundred.copy().add("t100"))));
    assertRefused(over, "/devices/0/tags");
    assertThat(messages(over)).containsExactly("at most 100 tags, got 101");
  }

  @Test
  void aStringValueHoldsAtMost256Characters() {
    assertThat(evaluate(one(new JsonObject().put("deviceModel", "m".repeat(256)))).status()).isEqualTo(200);
    assertThat(evaluate(one(new JsonObject().put("deviceModel", SMILE.repeat(256)))).status())
        .as("a character beyond the BMP counts once").isEqualTo(200);
    assertThat(evaluate(one(new JsonObject().put("deviceModel", "")))).extracting(Reply::status).isEqualTo(200);

    Reply over = evaluate(one(new JsonObject().put("deviceModel", "m".repeat(257))));
    assertRefused(over, "/devices/0/deviceModel");
    assertThat(messages(over)).containsExactly("must be at most 256 characters, got 257");
  }

  @Test
  void aTagIsOneTo256Characters() {
    assertThat(evaluate(one(new JsonObject().put("tags", new JsonArray().add("t".repeat(256))))).status())
        .isEqualTo(200);

    Reply reply = evaluate(one(new JsonObject().put("tags", new JsonArray().add("t".repeat(257)).add("").add(7))));
    assertRefused(reply, "/devices/0/tags/0", "/devices/0/tags/1", "/devices/0/tags/2");
    assertThat(messages(reply)).containsExactly("a tag must be 1 to 256 characters, got 257",
        "a tag must be 1 to 256 characters, got 0", "a tag must be a string, got a number");
  }

  @Test
  void numbersAreJsonIntegersInTheirFieldsRange() {
    JsonObject edges = new JsonObject("{\"sessionCount\": 2147483647, \"appVersionCode\": 0,"
        + " \"createdAt\": 9223372036854775807, \"unRegisteredAt\": 0}");
    assertThat(evaluate(one(edges)).status()).isEqualTo(200);

    Reply reply = evaluate("{\"constraints\": [], \"devices\": [{\"sessionCount\": 2147483648, \"appVersionCode\": -1,"
        + " \"createdAt\": 9223372036854775808, \"firstSession\": 1.5, \"lastSession\": 5.0, \"unRegisteredAt\": 1e3}]}");
    assertRefused(reply, "/devices/0/sessionCount", "/devices/0/appVersionCode", "/devices/0/createdAt",
        "/devices/0/firstSession", "/devices/0/lastSession", "/devices/0/unRegisteredAt");
    assertThat(messages(reply)).contains("Int field 'sessionCount' takes an integer between 0 and 2147483647, got"
        + " 2147483648", "must be a JSON integer, without fraction or exponent, got 5.0");
  }

  @Test
  void everyProblemOfEveryDeviceIsReportedAtOnceWithItsPointer() {
    Reply reply = evaluate("{\"constraints\": [{\"type\": \"AND\", \"constraints\": [{\"field\": \"country\","
        + " \"relation\": \">\", \"value\": \"PL\"}]}], \"devices\": [{\"colour\": \"red\"}, {\"sessionCount\": -1,"
        + " \"deviceModel\": 5}, \"phone\", {\"tags\": \"beta\"}, {\"country\": null}, {\"a/b~c\": 1}, null]}");

    assertRefused(reply, "/constraints/0/constraints/0/relation", "/devices/0/colour", "/devices/1/sessionCount",
        "/devices/1/deviceModel", "/devices/2", "/devices/3/tags", "/devices/4/country", "/devices/5/a~1b~0c",
        "/devices/6");
    assertThat(messages(reply).get(1)).isEqualTo("unknown member 'colour'; a device's members are field names"
        + " (/schemas/device.json)");
    assertThat(messages(reply).get(2)).isEqualTo("Int field 'sessionCount' takes an integer between 0 and"
        + " 2147483647, got -1");
    assertThat(messages(reply).get(3)).isEqualTo("String field 'deviceModel' takes a string, got a number");
  }

  @Test
  void anEvaluateBodyListsAHundredProblemsAndCountsTheRest() {
    JsonObject device = new JsonObject();
    for (int i = 0; i < 150; i++) {
      device.put("colour" + i, i);
    }

    Reply reply = evaluate(one(device));

    assertThat(reply.status()).isEqualTo(400);
    List<String> messages = messages(reply);
    assertThat(messages).hasSize(101);
    assertThat(messages.get(99)).startsWith("unknown member 'colour99'");
    assertThat(messages.get(100)).isEqualTo("and 50 more problems, not listed: at most 100 are listed at once");
    assertThat(PatchTest.pointers(reply).get(100)).isEmpty();
  }

  @Test
  void formatRulesDoNotApplyToDevices() {
    Reply reply = evaluate(one(new JsonObject().put("country", "pl").put("language", "Polish")
        .put("timezone", "Mars/Olympus").put("email", "not an address").put("type", "robot")));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  @Test
  void theMembersOfTheBodiesAreRequiredAndNoOthersAreTaken() {
    assertRefused(evaluate(new JsonObject()), "/constraints", "/devices");
    assertRefused(evaluate(new JsonObject().put("constraints", new JsonArray()).put("devices", one(new JsonObject()))
        .put("name", "x")), "/name");
    assertRefused(evaluate("[]"), "");

    String id = createSegment(newSegment("stored")).getString("id");
    Reply stored = sendJson(server.keyA(), HttpMethod.POST, "/v1/segments/" + id + "/evaluate",
        new JsonObject().put("constraints", new JsonArray()).put("devices", one(new JsonObject())));
    assertRefused(stored, "/constraints");
    assertRefused(sendJson(server.keyA(), HttpMethod.POST, "/v1/segments/" + id + "/evaluate", new JsonObject()),
        "/devices");
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedAsForEveryEndpoint() {
    Reply malformed = evaluate("{\"devices\": [");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().getString("type")).isEqualTo("malformed-json");
    Reply text = server.sendJson(server.as(server.keyA(), HttpMethod.POST, "/v1/segments/evaluate")
        .putHeader("Content-Type", "text/plain"), "{}");
    assertThat(text.status()).isEqualTo(415);
  }

  @Test
  void theEvaluateEndpointsTakeBodiesOfUpTo1MiB() {
    String head = "{\"constraints\": [], \"devices\": [{\"country\": \"PL\"}]}";
    String exactly = head + " ".repeat(LIMIT - head.length());
    assertThat(evaluate(exactly).status()).as("1 MiB").isEqualTo(200);

    Reply over = evaluate(exactly + " ");
    assertThat(over.status()).isEqualTo(413);
    assertThat(over.contentType()).isEqualTo("application/problem+json");
    assertThat(over.json().getString("type")).isEqualTo("payload-too-large");
    assertThat(over.json().getString("detail")).isEqualTo("the request body is larger than 1 MiB");

    String id = createSegment(newSegment("stored")).getString("id");
    String stored = "{\"devices\": [{}]}";
    Reply storedOver = sendJson(server.keyA(), HttpMethod.POST, "/v1/segments/" + id + "/evaluate",
        stored + " ".repeat(LIMIT + 1 - stored.length()));
    assertThat(storedOver.status()).isEqualTo(413);
    assertThat(storedOver.json().getString("detail")).isEqualTo("the request body is larger than 1 MiB");
  }

  @Test
  void aThousandFullDevicesInAlmostAMebibyteAreEvaluatedAndCheckedLikeSmallOnes() {
    JsonObject full = new JsonObject().put("country", "PL").put("language", "pol").put("timezone", "Europe/Warsaw")
        .put("appVersion", "1.3.54").put("appVersionCode", 5).put("osApi", "35").put("osVersion", "13")
        .put("customUserId", "u".repeat(190)).put("email", "user@example.com").put("type", "phone")
        .put("firstSession", 1771924492768L).put("lastSession", 1771924499001L).put("sessionCount", 12)
        .put("createdAt", 1771924492768L).put("id", "d".repeat(200)).put("pushToken", "p".repeat(256))
        .put("deviceModel", "Redmi Note 13").put("deviceManufacturer", "Xiaomi")
        .put("tags", new JsonArray().add("beta").add("vip"));
    JsonArray devices = devices(1000, full);
    String body = new JsonObject().put("constraints", new JsonArray()
        .add(group("AND", condition("deviceManufacturer", "==", "Xiaomi"), condition("type", "==", "phone")))
        .add(group("OR", condition("tags", "contains", "beta")))).put("devices", devices).encode();
    assertThat(body.length()).isGreaterThan(512 * 1024).isLessThan(LIMIT);

    Reply reply = evaluate(body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().getJsonArray("results")).hasSize(1000)
        .allSatisfy(result -> assertThat(((JsonObject) result).getBoolean("matched")).isTrue());

    devices.getJsonObject(999).put("sessionCount", -1);
    assertRefused(evaluate(new JsonObject().put("constraints", new JsonArray()).put("devices", devices)),
        "/devices/999/sessionCount");
  }

  @Test
  void aCallTooLargeForTheEventLoopIsEvaluatedAllTheSame() {
    JsonArray eleven = new JsonArray().add(group("AND", condition("sessionCount", ">=", 1),
        condition("country", "==", "PL"), condition("type", "==", "phone"), condition("tags", "==", "beta"),
        condition("appVersionCode", "<", 9), condition("email", "exists", true), condition("osVersion", "!=", "13"),
        condition("lastSession", ">", 0), condition("language", "==", "pol"),
        condition("timezone", "==", "Europe/Warsaw"))).add(group("OR", condition("country", "==", "DE")));
    JsonArray devices = devices(1000, new JsonObject().put("sessionCount", 3).put("country", "DE"));
    Reply unsaved = evaluate(new JsonObject().put("constraints", eleven).put("devices", devices));
    assertThat(unsaved.status()).as("1000 devices × 11 conditions").isEqualTo(200);
    assertThat(unsaved.json().getJsonArray("results")).hasSize(1000);
    assertThat(unsaved.json().getJsonArray("results").getJsonObject(0).getJsonArray("groups").getJsonObject(1)
        .getBoolean("matched")).isTrue();

    String id = createSegment(new JsonObject().put("name", "eleven").put("constraints", eleven)).getString("id");
    Reply stored = sendJson(server.keyA(), HttpMethod.POST, "/v1/segments/" + id + "/evaluate",
        new JsonObject().put("devices", devices));
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.json().getJsonArray("results")).isEqualTo(unsaved.json().getJsonArray("results"));

    JsonObject[] contains = new JsonObject[10];
    for (int c = 0; c < contains.length; c++) {
      contains[c] = condition("deviceModel", c % 2 == 0 ? "contains" : "starts_with", "G" + c);
    }
    JsonArray longValues = devices(1000, new JsonObject().put("deviceModel", "g".repeat(250)));
    Reply substrings = evaluate(new JsonObject().put("constraints", new JsonArray().add(group("OR", contains)))
        .put("devices", longValues));
    assertThat(substrings.status()).as("2,500,000 characters read").isEqualTo(200);
  }

  @Test
  void theOtherEndpointsKeepTheir64KiBLimitAndSayIt() {
    Reply over = sendJson(server.keyA(), HttpMethod.POST, "/v1/segments", "[" + " ".repeat(64 * 1024) + "]");

    assertThat(over.status()).isEqualTo(413);
    assertThat(over.json().getString("detail")).isEqualTo("the request body is larger than 64 KiB");
  }
}
