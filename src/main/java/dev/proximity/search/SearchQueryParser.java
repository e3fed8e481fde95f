package dev.proximity.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.proximity.geo.LatLng;
import dev.proximity.geo.LatLngBox;
import dev.proximity.geo.WebMercatorGrid;
import dev.proximity.system.FieldProblem;
import dev.proximity.system.InvalidRequestException;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Strict parsing of the query strings of the search calls (nearby, nearest, area, clusters): plain decimals only
 * (no NaN, Infinity, hex, exponents or type suffixes), ranges checked and never clamped, unknown or repeated
 * parameters refused. Every problem is reported at once, each naming its parameter; rejected values are never
 * echoed or logged.
 */
@Component
class SearchQueryParser {

    static final double MIN_RADIUS_METERS = 1;
    static final double MAX_RADIUS_METERS = 50_000;
    static final int MAX_LIMIT = 50;
    static final int MAX_CATEGORIES = 20;
    static final int MAX_Q_LENGTH = 100;
    /** The largest viewport an area search takes (its diagonal); zoomed-out maps use clusters. */
    static final double MAX_AREA_DIAGONAL_METERS = 100_000;
    static final int MAX_ZOOM = WebMercatorGrid.MAX_ZOOM;
    /** The most grid cells one clusters request may span (a 4K screen at any zoom is about 4,000). */
    static final long MAX_CLUSTER_CELLS = 65_536;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{1,15})?");
    private static final Pattern RADIUS = Pattern.compile("\\+?\\d{1,5}(\\.\\d{1,15})?");
    private static final Pattern COUNT = Pattern.compile("\\+?\\d{1,3}");
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9_-]{1,50}");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_]{1,40}");

    private static final Set<String> NEARBY = Set.of("latitude", "longitude", "radius", "limit", "openNow", "index",
            "pageToken", "q", "category");
    private static final Set<String> NEAREST = Set.of("latitude", "longitude", "maxDistance", "limit", "openNow",
            "index", "q", "category");
    private static final Set<String> AREA = Set.of("south", "west", "north", "east", "limit", "openNow", "index",
            "pageToken", "q", "category");
    private static final Set<String> CLUSTERS = Set.of("south", "west", "north", "east", "zoom", "openNow", "q",
            "category");

    private final SearchProperties properties;

    SearchQueryParser(SearchProperties properties) {
        this.properties = properties;
    }

    NearbyQuery nearby(MultiValueMap<String, String> parameters) {
        Problems problems = new Problems(parameters, NEARBY);
        LatLng center = center(parameters, problems);
        Double radius = decimal(parameters, "radius", RADIUS, MIN_RADIUS_METERS, MAX_RADIUS_METERS, 5000.0,
                problems);
        Double limit = decimal(parameters, "limit", COUNT, 1, MAX_LIMIT, 20.0, problems);
        QueryFilters filters = filters(parameters, problems);
        IndexType index = index(parameters, problems);
        String pageToken = pageToken(parameters, problems);
        problems.throwIfAny();
        return new NearbyQuery(center, radius, limit.intValue(), filters, index, pageToken);
    }

    NearestQuery nearest(MultiValueMap<String, String> parameters) {
        Problems problems = new Problems(parameters, NEAREST);
        LatLng center = center(parameters, problems);
        Double maxDistance = decimal(parameters, "maxDistance", RADIUS, MIN_RADIUS_METERS, MAX_RADIUS_METERS,
                MAX_RADIUS_METERS, problems);
        Double limit = decimal(parameters, "limit", COUNT, 1, MAX_LIMIT, 10.0, problems);
        QueryFilters filters = filters(parameters, problems);
        IndexType index = index(parameters, problems);
        problems.throwIfAny();
        return new NearestQuery(center, maxDistance, limit.intValue(), filters, index);
    }

    AreaQuery area(MultiValueMap<String, String> parameters) {
        Problems problems = new Problems(parameters, AREA);
        LatLngBox box = box(parameters, problems);
        Double limit = decimal(parameters, "limit", COUNT, 1, MAX_LIMIT, 20.0, problems);
        QueryFilters filters = filters(parameters, problems);
        IndexType index = index(parameters, problems);
        String pageToken = pageToken(parameters, problems);
        if (box != null && box.diagonalMeters() > MAX_AREA_DIAGONAL_METERS) {
            problems.add("box", "is more than 100 km across (its diagonal); zoomed-out maps use "
                    + "/v1/search/clusters");
        }
        problems.throwIfAny();
        return new AreaQuery(box, limit.intValue(), filters, index, pageToken);
    }

    ClusterQuery clusters(MultiValueMap<String, String> parameters) {
        Problems problems = new Problems(parameters, CLUSTERS);
        LatLngBox box = box(parameters, problems);
        Double zoom = decimal(parameters, "zoom", COUNT, 0, MAX_ZOOM, null, problems);
        QueryFilters filters = filters(parameters, problems);
        if (box != null && zoom != null && WebMercatorGrid.cellsIn(box, zoom.intValue()) > MAX_CLUSTER_CELLS) {
            problems.add("box", "spans more than " + MAX_CLUSTER_CELLS + " grid cells at this zoom; "
                    + "lower the zoom or send the visible box");
        }
        problems.throwIfAny();
        return new ClusterQuery(box, zoom.intValue(), filters);
    }

    /** Collects the problems of one request; unknown and repeated parameters are found up front. */
    private static final class Problems {
        private final List<FieldProblem> list = new ArrayList<>();

        Problems(MultiValueMap<String, String> parameters, Set<String> allowed) {
            for (var parameter : parameters.entrySet()) {
                String name = parameter.getKey();
                if (!allowed.contains(name)) {
                    // echo a name only if it is a plain word: "12.345678=1" must not put a location in the answer
                    add(PLAIN_NAME.matcher(name).matches() ? name : "(unknown parameter)",
                            "is not a parameter of this search");
                } else if (!"category".equals(name) && parameter.getValue().size() > 1) {
                    add(name, "must be given at most once");
                }
            }
        }

        void add(String field, String message) {
            list.add(new FieldProblem(field, message));
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw InvalidRequestException.invalidFields(list);
            }
        }
    }

    private static LatLng center(MultiValueMap<String, String> parameters, Problems problems) {
        Double latitude = decimal(parameters, "latitude", DECIMAL, -90, 90, null, problems);
        Double longitude = decimal(parameters, "longitude", DECIMAL, -180, 180, null, problems);
        return latitude == null || longitude == null ? null : LatLng.ofDegrees(latitude, longitude);
    }

    private static LatLngBox box(MultiValueMap<String, String> parameters, Problems problems) {
        Double south = decimal(parameters, "south", DECIMAL, -90, 90, null, problems);
        Double west = decimal(parameters, "west", DECIMAL, -180, 180, null, problems);
        Double north = decimal(parameters, "north", DECIMAL, -90, 90, null, problems);
        Double east = decimal(parameters, "east", DECIMAL, -180, 180, null, problems);
        if (south == null || west == null || north == null || east == null) {
            return null;
        }
        if (south > north) {
            problems.add("north", "must not be south of south");
            return null;
        }
        return new LatLngBox(south, west, north, east);
    }

    private QueryFilters filters(MultiValueMap<String, String> parameters, Problems problems) {
        List<String> categories = categories(parameters, problems);
        boolean openNow = false;
        String open = parameters.getFirst("openNow");
        if (open != null) {
            if (open.equals("true") || open.equals("false")) {
                openNow = open.equals("true");
            } else {
                problems.add("openNow", "must be true or false");
            }
        }
        return new QueryFilters(categories, openNow, keywords(parameters.getFirst("q"), problems));
    }

    private static Keywords.Query keywords(String q, Problems problems) {
        if (q == null) {
            return null;
        }
        int length = q.codePointCount(0, q.length());
        if (length < 1 || length > MAX_Q_LENGTH) {
            problems.add("q", "must be 1 to " + MAX_Q_LENGTH + " characters");
            return null;
        }
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < q.length() && Character.isLowSurrogate(q.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || c == '\uFFFD' || c == 0) {
                problems.add("q", "must be valid Unicode text (no NUL, no broken characters)");
                return null;
            }
        }
        Keywords.Query keywords = Keywords.Query.of(q);
        if (keywords.isEmpty()) {
            problems.add("q", "must contain a letter or a digit");
            return null;
        }
        return keywords;
    }

    private IndexType index(MultiValueMap<String, String> parameters, Problems problems) {
        String indexName = parameters.getFirst("index");
        if (indexName == null) {
            return properties.defaultIndex();
        }
        IndexType index = IndexType.fromApiName(indexName);
        if (index == null) {
            problems.add("index", "must be one of geohash, quadtree, s2");
        }
        return index;
    }

    private static String pageToken(MultiValueMap<String, String> parameters, Problems problems) {
        String pageToken = parameters.getFirst("pageToken");
        if (pageToken != null && pageToken.isEmpty()) {
            problems.add("pageToken", "must not be empty");
        }
        return pageToken;
    }

    private static Double decimal(MultiValueMap<String, String> parameters, String name, Pattern pattern,
            double min, double max, Double defaultValue, Problems problems) {
        String text = parameters.getFirst(name);
        if (text == null) {
            if (defaultValue == null) {
                problems.add(name, "is required");
            }
            return defaultValue;
        }
        if (!pattern.matcher(text).matches()) {
            problems.add(name, "must be a plain decimal number from " + format(min) + " to " + format(max));
            return defaultValue;
        }
        double value = Double.parseDouble(text);
        if (!(value >= min && value <= max)) {
            problems.add(name, "must be from " + format(min) + " to " + format(max));
            return defaultValue;
        }
        return value;
    }

    private static List<String> categories(MultiValueMap<String, String> parameters, Problems problems) {
        List<String> values = parameters.getOrDefault("category", List.of());
        if (values.size() > MAX_CATEGORIES) {
            problems.add("category", "may be given at most " + MAX_CATEGORIES + " times");
            return List.of();
        }
        TreeSet<String> categories = new TreeSet<>();
        for (String value : values) {
            if (value == null || !CATEGORY.matcher(value).matches()) {
                problems.add("category", "must be a category code [a-z0-9_-]{1,50}");
            } else {
                categories.add(value);
            }
        }
        return List.copyOf(categories);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
