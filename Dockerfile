# Build with: mvn -B package -DskipTests && docker build -t proximity .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 proximity
WORKDIR /app
COPY target/proximity-*.jar /app/proximity.jar
USER proximity
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/proximity.jar"]
