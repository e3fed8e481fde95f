package dev.proximity.search;

import java.util.Locale;

/** The spatial index a search asks for candidates; every one returns the same answer. */
enum IndexType {
    GEOHASH, QUADTREE, S2;

    /** The lower-case name used in the API ({@code index=s2}). */
    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an API name exactly ({@code geohash}, {@code quadtree}, {@code s2}); null if it is none of them. */
    static IndexType fromApiName(String value) {
        for (IndexType type : values()) {
            if (type.apiName().equals(value)) {
                return type;
            }
        }
        return null;
    }
}
