package dev.proximity.search;

import java.util.List;

import dev.proximity.geo.LatLng;

/**
 * A validated nearby search: centre, radius in metres, page size, sorted distinct category codes (empty: all),
 * whether to keep only businesses open now, the index, and the raw page token (null on the first page).
 */
record NearbyQuery(LatLng center, double radiusMeters, int limit, List<String> categories, boolean openNow,
        IndexType index, String pageToken) {

    /** The parameters a page token is bound to, in a canonical text form (not the limit, nor the token). */
    String binding() {
        return Double.toString(center.latDegrees()) + '|' + center.lngDegrees() + '|' + radiusMeters + '|'
                + String.join(",", categories) + '|' + openNow + '|' + index.apiName();
    }
}
