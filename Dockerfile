# The app image: the production jar (no embedded servers, mvn -Pproduction) built from source in a first stage, and
# run from Spring Boot's layers as a non-root user in the second, so a code change rebuilds only the last layer.
#   docker build -t proximity .
# docker-compose.yml builds it for its two app instances. Layer sizes: docs/operations.md, "The image".
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY db db
COPY frontend frontend
# the test client is generated from it in every build, even one that compiles no tests
COPY docs/openapi.json docs/openapi.json
RUN mvn -B -q -Pproduction package -Dmaven.test.skip=true \
    && java -Djarmode=tools -jar target/production/proximity-*.jar extract --layers --launcher --destination /src/layers

FROM eclipse-temurin:17-jre
# curl for the health check only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app proximity
WORKDIR /app
# Least often changed first: libraries, Boot's launcher, snapshot libraries (none today), then our own classes.
COPY --from=build /src/layers/dependencies/ ./
COPY --from=build /src/layers/spring-boot-loader/ ./
COPY --from=build /src/layers/snapshot-dependencies/ ./
COPY --from=build /src/layers/application/ ./
USER proximity
# 8080: HTTP, for the load balancer; 8081: the actuator (management.server.port), for probes and Prometheus only.
EXPOSE 8080 8081
# Ready = the read path answers; not Redis, which every instance shares and can do without (see docs/operations.md,
# "Health"). The load balancer itself only uses passive checks, this is for the orchestrator.
HEALTHCHECK --interval=5s --timeout=2s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8081/actuator/health/readiness || exit 1
# The image has no embedded servers: SPRING_DATASOURCE_URL and Redis must be configured, or the start fails with a
# message saying so.
# AlwaysPreTouch: the heap's pages are touched at start-up instead of by the first requests (a first touch cost
# about 20 us a page on the machines measured, which made a fresh instance's first half-minute under load slower;
# docs/benchmarks.md). It lengthens the start, before readiness, not the users' first minute.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+AlwaysPreTouch", "-XX:+ExitOnOutOfMemoryError", \
            "org.springframework.boot.loader.launch.JarLauncher"]
