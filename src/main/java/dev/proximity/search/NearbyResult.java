package dev.proximity.search;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/** One page of a nearby search; {@code nextPageToken} is null on the last page. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record NearbyResult(long total, List<Item> businesses, String nextPageToken) {

    /** A business on the page; {@code id} is a digit string, {@code distance} in metres, to the millimetre. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Item(String id, String name, String category,
            @JsonSerialize(using = JsonDecimals.CoordinateSerializer.class) double latitude,
            @JsonSerialize(using = JsonDecimals.CoordinateSerializer.class) double longitude,
            @JsonSerialize(using = JsonDecimals.DistanceSerializer.class) double distance,
            String address, String city, String country) {
    }
}
