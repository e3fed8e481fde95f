package dev.proximity.search;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** Writes a nearest answer with the same business fields and numbers as {@link NearbyResultSerializer}. */
final class NearestResultSerializer extends StdSerializer<NearestResult> {

    NearestResultSerializer() {
        super(NearestResult.class);
    }

    @Override
    public void serialize(NearestResult result, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStartObject(result);
        NearbyResultSerializer.writeBusinesses(json, result.businesses(), new char[JsonDecimals.SCRATCH_LENGTH]);
        json.writeEndObject();
    }
}
