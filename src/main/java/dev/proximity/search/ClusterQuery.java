package dev.proximity.search;

import dev.proximity.geo.LatLngBox;

/** A validated clusters request: the box, the Web-Mercator zoom whose grid cuts it, and the filters. */
record ClusterQuery(LatLngBox box, int zoom, QueryFilters filters) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "ClusterQuery[box~(%.2f, %.2f, %.2f, %.2f), zoom=%d, %s]",
                box.south(), box.west(), box.north(), box.east(), zoom, filters.describe());
    }
}
