package io.segmentgateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warm-up command (what a class archive is made from) runs the start-up path and leaves databases alone. */
class WarmUpTest {

  @Test
  void warmUpAnswersItsRequestsAndLeavesAFreshDatabaseEmpty() throws Exception {
    AppConfig.Db db = TestDatabase.create();
    try {
      MainRunner.Result result = MainRunner.run(TestServer.env(db), "warm-up");
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.err()).contains("warm-up done").doesNotContain("no database answers");
      try (Connection c = TestDatabase.connect(db); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("tables after the warm-up: the schema is inspected, never migrated").isZero();
      }
    } finally {
      TestDatabase.drop(db);
    }
  }

  @Test
  void warmUpWorksWithoutADatabaseAndSaysWhatTheArchiveLacks() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AppConfig.Db nowhere = TestDatabase.admin().withAddress("127.0.0.1", closedPort);
    Map<String, String> env = TestServer.env(nowhere);
    MainRunner.Result result = MainRunner.run(env, "warm-up");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("no database answers at 127.0.0.1:" + closedPort).contains("warm-up done");
  }

  @Test
  void warmUpTakesNoArguments() {
    MainRunner.Result result = MainRunner.run(Map.of(), "warm-up", "now");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("usage:").contains("warm-up");
  }
}
