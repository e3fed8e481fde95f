package dev.proximity.search;

import dev.proximity.geo.LatLngBox;

/** A validated area (map viewport) search: the businesses in the box, by distance from its centre, paged. */
record AreaQuery(LatLngBox box, int limit, QueryFilters filters, IndexType index, String pageToken)
        implements PagedQuery {

    @Override
    public String binding() {
        return "area|" + box.south() + '|' + box.west() + '|' + box.north() + '|' + box.east() + '|'
                + filters.binding() + '|' + index.apiName();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "AreaQuery[box~(%.2f, %.2f, %.2f, %.2f), limit=%d, %s, "
                + "index=%s, paged=%s]", box.south(), box.west(), box.north(), box.east(), limit,
                filters.describe(), index.apiName(), pageToken != null);
    }
}
