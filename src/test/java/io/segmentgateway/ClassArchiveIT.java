package io.segmentgateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Migrations;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, as the image runs it: the warm-up command writes a class archive, and a JVM started with it
 * maps the service's classes from the archive instead of loading them. Runs after the package phase (failsafe),
 * on target/segment-gateway.jar. No timing is asserted: bench/run.sh measures what the archive buys.
 */
class ClassArchiveIT {

  private static final Path JAR = Path.of(System.getProperty("service.jar", "target/segment-gateway.jar"));
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir
  Path dir;

  @Test
  void theArchiveOfTheWarmUpServesTheClassesOfTheNextStart() throws Exception {
    AppConfig.Db db = TestDatabase.create();
    try {
      // A migrated database, as after a deploy: the warm-up then walks the key lookup too.
      Migrations.migrate(db);
      Path archive = dir.resolve("segment-gateway.jsa");
      Run dump = java(db, "-XX:ArchiveClassesAtExit=" + archive, "-jar", JAR.toString(), "warm-up");
      assertThat(dump.exitCode()).as(dump.output()).isZero();
      assertThat(archive).isRegularFile();

      Run next = java(db, "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info", "-jar", JAR.toString(),
          "warm-up");
      assertThat(next.exitCode()).as(next.output()).isZero();
      assertThat(next.output()).doesNotContain("Unable to use shared archive");
      List<String> ours = next.lines("io.segmentgateway.").stream().filter(l -> !l.contains("$$Lambda$")).toList();
      List<String> shared = ours.stream().filter(l -> l.contains("source: shared objects file (top)")).toList();
      assertThat(ours).as("the service's classes loaded").isNotEmpty();
      assertThat(shared).as("of the service's classes, those mapped from the archive")
          .hasSizeGreaterThanOrEqualTo(ours.size() * 9 / 10);
      // Lambdas are spun at run time; every class that comes from the jar is in the archive.
      assertThat(next.lines("io.vertx.core.http.impl.")).as("Vert.x's HTTP server classes")
          .filteredOn(l -> !l.contains("$$Lambda$"))
          .isNotEmpty()
          .allMatch(l -> l.contains("source: shared objects file"));
    } finally {
      TestDatabase.drop(db);
    }
  }

  @Test
  void aStaleArchiveIsReportedAndTheServiceStillRuns() throws Exception {
    Path archive = dir.resolve("stale.jsa");
    Path copy = dir.resolve("other.jar");
    Files.copy(JAR, copy);
    AppConfig.Db db = TestDatabase.create();
    try {
      assertThat(java(db, "-XX:ArchiveClassesAtExit=" + archive, "-jar", copy.toString(), "warm-up").exitCode())
          .isZero();
      // Another jar than the one archived: the JVM says so, keeps its own archive, and runs.
      Run run = java(db, "-XX:SharedArchiveFile=" + archive, "-jar", JAR.toString(), "warm-up");
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains("Unable to use shared archive").contains("warm-up done");
    } finally {
      TestDatabase.drop(db);
    }
  }

  private record Run(int exitCode, String output) {

    List<String> lines(String classPrefix) {
      List<String> found = new ArrayList<>();
      for (String line : output.split("\\R")) {
        if (line.contains("[class,load] " + classPrefix)) {
          found.add(line);
        }
      }
      return found;
    }
  }

  private Run java(AppConfig.Db db, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.add("@conf/jvm.options");
    command.addAll(List.of(args));
    Path output = Files.createTempFile(dir, "run", ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().remove("PGHOSTADDR");
    Map<String, String> env = TestServer.env(db);
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("java did not finish within 120 s: " + Files.readString(output));
    }
    return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
