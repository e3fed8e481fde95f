package dev.proximity.account;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.springframework.web.servlet.FlashMap;

/**
 * The session attributes of ours that Spring Security's modules do not know, made readable under its
 * allowlist by mix-ins: the signed-in {@link AuthenticatedOwner} (the principal), {@link SignedInOwner} (the site
 * header's name and e-mail) and Spring MVC's {@link FlashMap}s (the notices after a redirect, kept in a
 * {@link CopyOnWriteArrayList}), whose target and expiry a plain map would lose.
 */
final class SessionJsonModule extends SimpleModule {

    SessionJsonModule() {
        super("proximity-session");
        setMixInAnnotation(AuthenticatedOwner.class, AuthenticatedOwnerMixin.class);
        setMixInAnnotation(SignedInOwner.class, SignedInOwnerMixin.class);
        setMixInAnnotation(FlashMap.class, FlashMapMixin.class);
        // the list Spring MVC keeps its flash maps in
        setMixInAnnotation(CopyOnWriteArrayList.class, FlashMapListMixin.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    @JsonIgnoreProperties(ignoreUnknown = true)
    abstract static class AuthenticatedOwnerMixin {
        @JsonCreator
        AuthenticatedOwnerMixin(@JsonProperty("id") long id, @JsonProperty("admin") boolean admin) {
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    @JsonIgnoreProperties(ignoreUnknown = true)
    abstract static class SignedInOwnerMixin {
        @JsonCreator
        SignedInOwnerMixin(@JsonProperty("name") String name, @JsonProperty("email") String email) {
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    @JsonSerialize(using = FlashMapSerializer.class)
    @JsonDeserialize(using = FlashMapDeserializer.class)
    abstract static class FlashMapMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    abstract static class FlashMapListMixin {
    }

    /** {@code {"@class":..., "targetRequestPath", "targetRequestParams": {name: [values]}, "expirationTime", "attributes"}}. */
    static final class FlashMapSerializer extends StdSerializer<FlashMap> {

        FlashMapSerializer() {
            super(FlashMap.class);
        }

        @Override
        public void serialize(FlashMap flash, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeStartObject(flash);
            fields(flash, json, provider);
            json.writeEndObject();
        }

        @Override
        public void serializeWithType(FlashMap flash, JsonGenerator json, SerializerProvider provider,
                TypeSerializer types) throws IOException {
            WritableTypeId id = types.writeTypePrefix(json, types.typeId(flash, JsonToken.START_OBJECT));
            fields(flash, json, provider);
            types.writeTypeSuffix(json, id);
        }

        private static void fields(FlashMap flash, JsonGenerator json, SerializerProvider provider)
                throws IOException {
            json.writeStringField("targetRequestPath", flash.getTargetRequestPath());
            json.writeObjectFieldStart("targetRequestParams");
            for (Map.Entry<String, List<String>> param : flash.getTargetRequestParams().entrySet()) {
                json.writeArrayFieldStart(param.getKey());
                for (String value : param.getValue()) {
                    json.writeString(value);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeNumberField("expirationTime", flash.getExpirationTime());
            json.writeObjectFieldStart("attributes");
            for (Map.Entry<String, Object> attribute : flash.entrySet()) {
                json.writeFieldName(attribute.getKey());
                if (attribute.getValue() == null) {
                    json.writeNull();
                } else {
                    // typed like every other session value: its class is named, and checked when read
                    provider.findTypedValueSerializer(attribute.getValue().getClass(), true, null)
                            .serialize(attribute.getValue(), json, provider);
                }
            }
            json.writeEndObject();
        }
    }

    static final class FlashMapDeserializer extends JsonDeserializer<FlashMap> {

        @Override
        public FlashMap deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            ObjectMapper json = (ObjectMapper) parser.getCodec();
            JsonNode node = json.readTree(parser);
            FlashMap flash = new FlashMap();
            JsonNode path = node.get("targetRequestPath");
            if (path != null && path.isTextual()) {
                flash.setTargetRequestPath(path.asText());
            }
            JsonNode params = node.path("targetRequestParams");
            for (Map.Entry<String, JsonNode> param : params.properties()) {
                for (JsonNode value : param.getValue()) {
                    flash.addTargetRequestParam(param.getKey(), value.asText());
                }
            }
            flash.setExpirationTime(node.path("expirationTime").asLong(-1));
            JsonNode attributes = node.path("attributes");
            for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
                flash.put(attribute.getKey(), json.treeToValue(attribute.getValue(), Object.class));
            }
            return flash;
        }
    }
}
