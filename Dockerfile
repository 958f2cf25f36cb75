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

# Run: a JRE, a non-root user, the README's start command in exec form so that SIGTERM reaches the JVM.
FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --home-dir /app app
WORKDIR /app
COPY --from=build /build/target/segment-gateway.jar segment-gateway.jar
COPY --from=build /build/conf conf
USER app
ENV PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
STOPSIGNAL SIGTERM
# Readiness, not liveness: a draining or database-less instance reports unhealthy.
HEALTHCHECK --interval=5s --timeout=2s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-jar", "/app/segment-gateway.jar"]
