package dev.proximity.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written answer writer against Jackson's own serialization of the records. */
class NearbyResultSerializerTests {

    private final ObjectMapper records = new ObjectMapper();
    private final ObjectMapper api = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(NearbyResult.class, new NearbyResultSerializer()));

    @Test
    void writesTheSameTextAsTheRecordsForNumbersTheyWriteExactly() throws Exception {
        Random random = new Random(11);
        for (int page = 0; page < 2_000; page++) {
            List<NearbyResult.Item> items = new ArrayList<>();
            for (int i = random.nextInt(51); i > 0; i--) {
                items.add(new NearbyResult.Item(Long.toString(random.nextLong() & Long.MAX_VALUE), text(random),
                        maybe(random, "cafe"), decimal(random, 90, 7), decimal(random, 180, 7),
                        decimal(random, 50_000, 3), maybe(random, text(random)),
                        maybe(random, "Seoul"), maybe(random, "KR")));
            }
            NearbyResult result = new NearbyResult(random.nextInt(100_000), items,
                    random.nextBoolean() ? null : "tok.en-_" + random.nextInt());
            assertThat(api.writeValueAsString(result)).isEqualTo(records.writeValueAsString(result));
        }
    }

    @Test
    void otherNumbersKeepTheirValueAndDistancesAreRoundedToTheMillimetre() throws Exception {
        NearbyResult.Item item = new NearbyResult.Item("1", "a", "b", 0.1 + 0.2, -1e-9, 12.3456789, null, null,
                null);
        JsonNode written = api.readTree(api.writeValueAsString(new NearbyResult(1, List.of(item), null)));
        JsonNode business = written.at("/businesses/0");
        assertThat(business.get("latitude").doubleValue()).isEqualTo(0.1 + 0.2);
        assertThat(business.get("longitude").doubleValue()).isEqualTo(-1e-9);
        assertThat(business.get("distance").asText()).isEqualTo("12.346");
        assertThat(business.get("address").isNull()).isTrue();
        assertThat(written.get("nextPageToken").isNull()).isTrue();
        List<String> fields = new ArrayList<>();
        business.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "name", "category", "latitude", "longitude", "distance", "address",
                "city", "country");
    }

    @Test
    void anEmptyPage() throws Exception {
        NearbyResult empty = new NearbyResult(0, List.of(), null);
        assertThat(api.writeValueAsString(empty)).isEqualTo("{\"total\":0,\"businesses\":[],\"nextPageToken\":null}");
    }

    /** A value with at most {@code decimals} decimals in [-bound, bound], as owners type them. */
    private static double decimal(Random random, double bound, int decimals) {
        int places = random.nextInt(decimals + 1);
        long units = (long) ((random.nextDouble() * 2 - 1) * bound * Math.pow(10, places));
        double value = BigDecimal.valueOf(units, places).doubleValue();
        return value == 0 ? 1.5 : value;
    }

    private static String text(Random random) {
        String[] parts = {"Café", "\"Quoted\"", "back\\slash", "line\nbreak", "tab\t", "서울", "😀", "<b>&amp;</b>",
                "\u0001ctl", "plain"};
        return parts[random.nextInt(parts.length)] + " " + parts[random.nextInt(parts.length)];
    }

    private static String maybe(Random random, String value) {
        return random.nextInt(5) == 0 ? null : value;
    }
}
