package dev.proximity.search;

import dev.proximity.geo.LatLng;

/**
 * A validated nearby search: centre, radius in metres, page size, filters, the index, and the raw page token
 * (null on the first page).
 */
record NearbyQuery(LatLng center, double radiusMeters, int limit, QueryFilters filters, IndexType index,
        String pageToken) implements PagedQuery {

    /** The parameters a page token is bound to, in a canonical text form (not the limit, nor the token). */
    @Override
    public String binding() {
        return Double.toString(center.latDegrees()) + '|' + center.lngDegrees() + '|' + radiusMeters + '|'
                + filters.binding() + '|' + index.apiName();
    }

    /** Never the searcher's location in full, should a query ever end up in a log or a message. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "NearbyQuery[center~(%.2f, %.2f), radiusMeters=%s, limit=%d, "
                + "%s, index=%s, paged=%s]", center.latDegrees(), center.lngDegrees(), radiusMeters, limit,
                filters.describe(), index.apiName(), pageToken != null);
    }
}
