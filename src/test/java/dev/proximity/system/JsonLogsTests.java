package dev.proximity.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON logs switch: with {@code logging.structured.format.console} set, a line logged during a request is
 * one JSON object with the time, level, logger, message and the request id. Boot's own encoder is run on a logger
 * context of this test's, so the JVM's logging (shared with the other tests) is left as it is.
 */
class JsonLogsTests {

    private static final String SWITCH = "logging.structured.format.console";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void plainTextUnlessSwitchedOn() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new ResourcePropertySource(
                new ClassPathResource("application.properties")));
        assertThat(environment.getProperty(SWITCH)).isNull();
        assertThat(environment.getProperty("logging.pattern.correlation")).contains("%X{requestId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecs", "logstash"})
    void aLineIsOneJsonObjectWithTheRequestId(String format) throws IOException {
        MockEnvironment environment = new MockEnvironment().withProperty(SWITCH, format)
                .withProperty("spring.application.name", "proximity");
        JsonNode line = JSON.readTree(encode(environment, "Search answered"));
        assertThat(line.path("message").asText()).isEqualTo("Search answered");
        assertThat(line.path("requestId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(line.path("@timestamp").asText()).isNotEmpty();
        if ("ecs".equals(format)) {
            assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("log").path("logger").asText()).isEqualTo("dev.proximity.search");
            assertThat(line.path("service").path("name").asText()).isEqualTo("proximity");
        } else {
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("logger_name").asText()).isEqualTo("dev.proximity.search");
        }
    }

    /** One event at INFO, logged while request 0af7... runs, through Boot's encoder in the switch's format. */
    private static String encode(Environment environment, String message) {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(environment.getProperty(SWITCH));
        encoder.start();
        Logger logger = context.getLogger("dev.proximity.search");
        try {
            LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
            // what logback copies from the MDC while RequestIdFilter holds the request's id there
            event.setMDCPropertyMap(Map.of(RequestIdFilter.MDC_KEY, "0af7651916cd43dd8448eb211c80319c"));
            return new String(encoder.encode(event), StandardCharsets.UTF_8);
        } finally {
            encoder.stop();
            context.stop();
        }
    }
}
