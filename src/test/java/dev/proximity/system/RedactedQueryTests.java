package dev.proximity.system;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactedQueryTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "null;''",
            "'';''",
            "latitude=12.345678&longitude=98.765432;?latitude=-&longitude=-",
            "latitude=1&longitude=2&radius=1000&limit=20&category=cafe&openNow=true&index=s2;"
                    + "?latitude=-&longitude=-&radius=1000&limit=20&category=cafe&openNow=true&index=s2",
            "pageToken=AT4xMjM0NTY3OA;?pageToken=-",
            "lat=12.345678&lng=98.765432;?lat=-&lng=-",
            "12.345678=98.765432;?_",
            "radius=12.345678%2C98.765432;?radius=-",
            "category=%00;?category=-",
            "openNow;?openNow",
            "limit=5&&limit=6;?limit=5&_&limit=6",
            "limit=98.765432&radius=12.345678&index=12.345678;?limit=-&radius=-&index=-",
            "radius=1234.5&category=Caf%C3%A9;?radius=1234.5&category=-"})
    void keepsNoLocation(String query, String logged) {
        assertThat(RedactedQuery.of(query)).isEqualTo(logged);
    }
}
