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

    /** Never the searcher's location in full, should a query ever end up in a log or a message. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "NearbyQuery[center~(%.2f, %.2f), radiusMeters=%s, limit=%d, "
                + "categories=%s, openNow=%s, index=%s, paged=%s]", center.latDegrees(), center.lngDegrees(),
                radiusMeters, limit, categories, openNow, index.apiName(), pageToken != null);
    }
}
