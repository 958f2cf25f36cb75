package io.segmentgateway.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Migrations;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development launcher never hangs on a failed start: here the service starts, but its API key cannot be
 * created (the database refuses every new key), and the launcher must say why and exit 1, although Vert.x's
 * threads are running by then (exec:java, and the JVM itself, would otherwise wait for them forever).
 */
class DevLauncherTest {

  @Test
  void aStartThatFailsAfterTheServerRunsPrintsTheCauseAndExitsOne(@TempDir Path dir) throws Exception {
    AppConfig.Db db = TestDatabase.create();
    try {
      Migrations.migrate(db);
      TestDatabase.execute(db, "CREATE FUNCTION refuse_keys() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " RAISE EXCEPTION 'no new keys here'; END $$");
      TestDatabase.execute(db, "CREATE TRIGGER refuse_keys BEFORE INSERT ON api_keys FOR EACH ROW"
          + " EXECUTE FUNCTION refuse_keys()");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Path log = dir.resolve("launcher.log");
      ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, DevLauncher.class.getName())
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().remove("PGHOSTADDR");
      builder.environment().putAll(TestServer.env(db));
      Process process = builder.start();
      try {
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the launcher exited; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("segment-gateway could not start", "no API key could be created");
      } finally {
        process.destroyForcibly();
      }
    } finally {
      TestDatabase.drop(db);
    }
  }
}
