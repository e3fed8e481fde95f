package dev.proximity.system;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict JSON for a public API: unknown or server-owned fields, duplicate keys, trailing garbage, strings
 * where numbers belong ({@code "45d"}, {@code "NaN"}, {@code ""}) and NUL characters are all rejected with
 * 400 instead of being guessed at or coerced.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS,
                        DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    @Bean
    Module rejectNulCharacters() {
        return new SimpleModule("reject-nul-characters").addDeserializer(String.class, new NulFreeStringDeserializer());
    }

    /** PostgreSQL cannot store U+0000 in text, and no legitimate field needs it. */
    static final class NulFreeStringDeserializer extends StdScalarDeserializer<String> {

        NulFreeStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = parser.getText();
            if (value.indexOf('\u0000') >= 0) {
                return (String) context.handleWeirdStringValue(String.class, value, "must not contain NUL characters");
            }
            return value;
        }
    }
}
