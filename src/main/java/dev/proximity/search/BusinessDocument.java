package dev.proximity.search;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A business as search reads it from the database and as the Redis view stores it ({@code px:v1:biz:<id>},
 * JSON): the searchable fields plus {@code version}. {@code hours} is the JSON text of the opening hours;
 * {@code s2Cell} (the leaf cell, from {@code business.s2_cell}) is not stored in Redis.
 */
record BusinessDocument(long id, long version, String name, String category, double latitude, double longitude,
        @JsonIgnore long s2Cell, String address, String city, String country, String timeZone, String hours) {
}
