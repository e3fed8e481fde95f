# The app image: built from source in a first stage, run as a non-root user in the second.
#   docker build -t proximity .
# docker-compose.yml builds it for its two app instances.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY db db
COPY frontend frontend
RUN mvn -B -q package -DskipTests && cp target/proximity-*.jar /src/proximity.jar

FROM eclipse-temurin:17-jre
# curl for the health check only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app proximity
WORKDIR /app
COPY --from=build /src/proximity.jar /app/proximity.jar
USER proximity
# 8080: HTTP, for the load balancer; 8081: the actuator (management.server.port), for probes and Prometheus only.
EXPOSE 8080 8081
# Ready = the read path answers; not Redis, which every instance shares and can do without (see docs/operations.md,
# "Health"). The load balancer itself only uses passive checks, this is for the orchestrator.
HEALTHCHECK --interval=5s --timeout=2s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8081/actuator/health/readiness || exit 1
# An external database is configured through SPRING_DATASOURCE_URL; the embedded servers stay off then.
# AlwaysPreTouch: the heap's pages are touched at start-up instead of by the first requests (a first touch cost
# about 20 us a page on the machines measured, which made a fresh instance's first half-minute under load slower;
# docs/benchmarks.md). It lengthens the start, before readiness, not the users' first minute.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+AlwaysPreTouch", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/proximity.jar"]
