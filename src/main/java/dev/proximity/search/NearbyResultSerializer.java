package dev.proximity.search;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a search answer field by field: the same fields in the same order as the records, nulls included, with
 * the numbers of {@link JsonDecimals}. Jackson's bean serializer read each of a business's nine fields through
 * reflection and boxed its three numbers, fifty businesses a page, and was a fifth of the Java time of a warm
 * search.
 */
final class NearbyResultSerializer extends StdSerializer<NearbyResult> {

    private static final SerializableString TOTAL = new SerializedString("total");
    private static final SerializableString BUSINESSES = new SerializedString("businesses");
    private static final SerializableString NEXT_PAGE_TOKEN = new SerializedString("nextPageToken");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString CATEGORY = new SerializedString("category");
    private static final SerializableString LATITUDE = new SerializedString("latitude");
    private static final SerializableString LONGITUDE = new SerializedString("longitude");
    private static final SerializableString DISTANCE = new SerializedString("distance");
    private static final SerializableString ADDRESS = new SerializedString("address");
    private static final SerializableString CITY = new SerializedString("city");
    private static final SerializableString COUNTRY = new SerializedString("country");

    NearbyResultSerializer() {
        super(NearbyResult.class);
    }

    @Override
    public void serialize(NearbyResult result, JsonGenerator json, SerializerProvider provider) throws IOException {
        char[] scratch = new char[JsonDecimals.SCRATCH_LENGTH];
        json.writeStartObject(result);
        json.writeFieldName(TOTAL);
        json.writeNumber(result.total());
        writeBusinesses(json, result.businesses(), scratch);
        string(json, NEXT_PAGE_TOKEN, result.nextPageToken());
        json.writeEndObject();
    }

    /** The {@code businesses} field: an array of items, as both the paged and the nearest answers write it. */
    static void writeBusinesses(JsonGenerator json, java.util.List<NearbyResult.Item> businesses, char[] scratch)
            throws IOException {
        json.writeFieldName(BUSINESSES);
        json.writeStartArray(businesses, businesses.size());
        for (NearbyResult.Item item : businesses) {
            json.writeStartObject(item);
            string(json, ID, item.id());
            string(json, NAME, item.name());
            string(json, CATEGORY, item.category());
            json.writeFieldName(LATITUDE);
            JsonDecimals.writeCoordinate(json, item.latitude(), scratch);
            json.writeFieldName(LONGITUDE);
            JsonDecimals.writeCoordinate(json, item.longitude(), scratch);
            json.writeFieldName(DISTANCE);
            JsonDecimals.writeDistance(json, item.distance(), scratch);
            string(json, ADDRESS, item.address());
            string(json, CITY, item.city());
            string(json, COUNTRY, item.country());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void string(JsonGenerator json, SerializableString name, String value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value);
        }
    }
}
