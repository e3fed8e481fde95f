package dev.proximity.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict JSON for a public API: unknown or server-owned fields, duplicate keys, trailing garbage, strings
 * where numbers belong ({@code "45d"}, {@code "NaN"}, {@code ""}), NUL characters and unpaired surrogates
 * (<code>"&#92;ud800"</code>) are all rejected with 400 naming the field, instead of being guessed at, coerced, or stored
 * as {@code ?}; a body that is not well-formed UTF-8 (overlong forms and encoded surrogates included) is a 400.
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

    /** JSON read from a byte stream (every request body) must be well-formed UTF-8, checked byte by byte. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictUtf8() {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setInputDecorator(new StrictUtf8()));
    }

    @Bean
    Module rejectInvalidText() {
        return new SimpleModule("reject-invalid-text").addDeserializer(String.class, new UnicodeStringDeserializer());
    }

    static final class StrictUtf8 extends InputDecorator {

        @Override
        public InputStream decorate(IOContext context, InputStream in) {
            return new Utf8ValidatingInputStream(in);
        }

        @Override
        public InputStream decorate(IOContext context, byte[] bytes, int offset, int length) {
            return null; // bytes the application holds itself (it wrote them)
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) {
            return reader; // already characters: decoded by whoever made the reader
        }
    }

    /** Every JSON string of a request, checked by {@link UnicodeText}. */
    static final class UnicodeStringDeserializer extends StdScalarDeserializer<String> {

        UnicodeStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = parser.getText();
            String problem = UnicodeText.problem(value);
            if (problem != null) {
                throw new InvalidTextException(parser, problem);
            }
            return value;
        }
    }

    /** A JSON string that {@link UnicodeText} refuses; {@link JsonErrors} names its field with the reason. */
    static final class InvalidTextException extends MismatchedInputException {

        private final String problem;

        InvalidTextException(JsonParser parser, String problem) {
            super(parser, "Invalid text: " + problem, String.class);
            this.problem = problem;
        }

        String problem() {
            return problem;
        }
    }
}
