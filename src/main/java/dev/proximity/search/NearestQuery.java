package dev.proximity.search;

import dev.proximity.geo.LatLng;

/** A validated nearest search: the {@code limit} nearest matches within {@code maxDistanceMeters} of the centre. */
record NearestQuery(LatLng center, double maxDistanceMeters, int limit, QueryFilters filters, IndexType index) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "NearestQuery[center~(%.2f, %.2f), maxDistanceMeters=%s, "
                + "limit=%d, %s, index=%s]", center.latDegrees(), center.lngDegrees(), maxDistanceMeters, limit,
                filters.describe(), index.apiName());
    }
}
