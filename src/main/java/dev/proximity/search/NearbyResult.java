package dev.proximity.search;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a nearby search; {@code nextPageToken} is null on the last page. The API writes it with
 * {@link NearbyResultSerializer}; these records define its shape (and the OpenAPI schema), nulls included.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record NearbyResult(long total, List<Item> businesses, String nextPageToken) {

    /** A business on the page; {@code id} is a digit string, {@code distance} in metres, to the millimetre. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Item(String id, String name, String category, double latitude, double longitude, double distance,
            String address, String city, String country) {
    }
}
