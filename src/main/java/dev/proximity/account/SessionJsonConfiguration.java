package dev.proximity.account;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.jackson2.SecurityJackson2Modules;

/**
 * The owner pages' sessions are stored in Redis as JSON, not with Java serialization: whoever can write to Redis
 * could otherwise plant an object the app deserializes, running code of any class on the classpath. JSON values
 * name their classes, and only Spring Security's allowlist (its security context, authentication, CSRF token,
 * saved request, a few JDK collections) and the types of {@link SessionJsonModule} are ever instantiated;
 * anything else, Java serialization's bytes included, is unreadable, and an unreadable session is no session
 * ({@link ResilientSessionRepository}).
 */
@Configuration(proxyBeanMethods = false)
class SessionJsonConfiguration {

    /** The name Spring Session looks the serializer up by. */
    @Bean
    RedisSerializer<Object> springSessionDefaultRedisSerializer() {
        return new SessionJsonSerializer(sessionJson());
    }

    static ObjectMapper sessionJson() {
        ObjectMapper json = new ObjectMapper();
        json.registerModules(SecurityJackson2Modules.getModules(SessionJsonConfiguration.class.getClassLoader()));
        json.registerModule(new SessionJsonModule());
        return json;
    }

    /**
     * Reads every value as {@code Object}, so even the outermost class goes through the allowlist. (Spring Data's
     * {@code GenericJackson2JsonRedisSerializer} resolves the outermost {@code @class} itself, past the
     * allowlist, and so constructed a class named in planted JSON before failing: {@code SessionStorageTests}.)
     */
    static final class SessionJsonSerializer implements RedisSerializer<Object> {

        private final ObjectWriter writer;
        private final ObjectReader reader;

        SessionJsonSerializer(ObjectMapper json) {
            this.writer = json.writer(); // the runtime class: numbers and strings stay plain, objects name theirs
            this.reader = json.readerFor(Object.class);
        }

        @Override
        public byte[] serialize(Object value) {
            if (value == null) {
                return new byte[0];
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("Could not write a session value as JSON", e);
            }
        }

        @Override
        public Object deserialize(byte[] bytes) {
            if (bytes == null || bytes.length == 0) {
                return null;
            }
            try {
                return reader.readValue(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Not a session value this version writes", e);
            }
        }
    }
}
