package dev.proximity.search;

import java.util.List;

/**
 * The filters a search call takes besides its place: sorted distinct category codes (empty: all), whether to
 * keep only businesses open now, and the keywords of {@code q} (null: none).
 */
record QueryFilters(List<String> categories, boolean openNow, Keywords.Query keywords) {

    static final QueryFilters NONE = new QueryFilters(List.of(), false, null);

    /** The canonical text page tokens are bound to. */
    String binding() {
        return String.join(",", categories) + '|' + openNow + (keywords == null ? "" : "|q=" + keywords.canonical());
    }

    /** For logs: the filters without the keywords' text (what people search for is theirs). */
    String describe() {
        return "categories=" + categories + ", openNow=" + openNow + ", keywords=" + (keywords != null);
    }
}
