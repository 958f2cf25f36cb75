# syntax=docker/dockerfile:1
# Build: the same command as the README's build, with the dependency layer cached apart from the sources.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY schemas schemas
COPY conf conf
COPY src src
RUN mvn -B -DskipTests package

# Run: a JRE, a non-root user, the README's warm-up and start commands, the start in exec form so that SIGTERM
# reaches the JVM.
FROM eclipse-temurin:17-jre
# A numeric user, so that an orchestrator's "run as non-root" check can verify it.
RUN groupadd --system --gid 10001 app \
  && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /build/target/segment-gateway.jar segment-gateway.jar
COPY --from=build /build/conf conf
# The class archive (README, "Start-up"): made here, by this image's own JVM, for the jar at this very path, so
# that the start maps the classes instead of loading them. No database answers while the image builds: the warm-up
# says so and the archive lacks the few classes of the schema check and the connections.
RUN java @/app/conf/jvm.options -XX:ArchiveClassesAtExit=/app/segment-gateway.jsa -jar /app/segment-gateway.jar warm-up
USER 10001:10001
# JVM flags: conf/jvm.options (heap at 75 % of the container's memory limit; give it 256 MiB or more).
ENV PORT=8080
EXPOSE 8080
# SIGTERM starts the drain: not ready at once, serving for shutdown.graceMillis (5 s) with Connection: close,
# then the requests in flight finish and the process exits 0 within shutdown.deadlineMillis (30 s). Give the
# container that long before it is killed: docker stop --time 35, or terminationGracePeriodSeconds: 35.
STOPSIGNAL SIGTERM
# Readiness, not liveness: a draining or database-less instance reports unhealthy. /health/ready answers
# within its 1 s database timeout, so the 2 s timeout is never the cause.
HEALTHCHECK --interval=5s --timeout=2s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "@/app/conf/jvm.options", "-XX:SharedArchiveFile=/app/segment-gateway.jsa", "-jar", "/app/segment-gateway.jar"]
