package dev.proximity.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.proximity.geo.LatLng;
import dev.proximity.system.FieldProblem;
import dev.proximity.system.InvalidRequestException;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Strict parsing of the query string of {@code GET /v1/search/nearby}: plain decimals only (no NaN, Infinity,
 * hex, exponents or type suffixes), ranges checked and never clamped, unknown or repeated parameters refused.
 * Every problem is reported at once, each naming its parameter; rejected values are never echoed or logged.
 */
@Component
class NearbyQueryParser {

    static final double MIN_RADIUS_METERS = 1;
    static final double MAX_RADIUS_METERS = 50_000;
    static final int MAX_LIMIT = 50;
    static final int MAX_CATEGORIES = 20;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{1,15})?");
    private static final Pattern RADIUS = Pattern.compile("\\+?\\d{1,5}(\\.\\d{1,15})?");
    private static final Pattern LIMIT = Pattern.compile("\\+?\\d{1,3}");
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9_-]{1,50}");
    private static final Set<String> SINGLE = Set.of("latitude", "longitude", "radius", "limit", "openNow", "index",
            "pageToken");

    private final SearchProperties properties;

    private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("[A-Za-z_]{1,40}");

    NearbyQueryParser(SearchProperties properties) {
        this.properties = properties;
    }

    NearbyQuery parse(MultiValueMap<String, String> parameters) {
        List<FieldProblem> problems = new ArrayList<>();
        for (var parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!SINGLE.contains(name) && !"category".equals(name)) {
                // echo a name only if it is a plain word: "12.345678=1" must not put a location in the answer
                problems.add(new FieldProblem(PLAIN_NAME.matcher(name).matches() ? name : "(unknown parameter)",
                        "is not a parameter of this search"));
            } else if (SINGLE.contains(name) && parameter.getValue().size() > 1) {
                problems.add(new FieldProblem(name, "must be given at most once"));
            }
        }
        Double latitude = decimal(parameters, "latitude", DECIMAL, -90, 90, null, problems);
        Double longitude = decimal(parameters, "longitude", DECIMAL, -180, 180, null, problems);
        Double radius = decimal(parameters, "radius", RADIUS, MIN_RADIUS_METERS, MAX_RADIUS_METERS, 5000.0,
                problems);
        Double limit = decimal(parameters, "limit", LIMIT, 1, MAX_LIMIT, 20.0, problems);
        List<String> categories = categories(parameters, problems);
        boolean openNow = false;
        String open = parameters.getFirst("openNow");
        if (open != null) {
            if (open.equals("true") || open.equals("false")) {
                openNow = open.equals("true");
            } else {
                problems.add(new FieldProblem("openNow", "must be true or false"));
            }
        }
        IndexType index = properties.defaultIndex();
        String indexName = parameters.getFirst("index");
        if (indexName != null) {
            index = IndexType.fromApiName(indexName);
            if (index == null) {
                problems.add(new FieldProblem("index", "must be one of geohash, quadtree, s2"));
            }
        }
        String pageToken = parameters.getFirst("pageToken");
        if (pageToken != null && pageToken.isEmpty()) {
            problems.add(new FieldProblem("pageToken", "must not be empty"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalidFields(problems);
        }
        return new NearbyQuery(LatLng.ofDegrees(latitude, longitude), radius, limit.intValue(), categories, openNow,
                index, pageToken);
    }

    private static Double decimal(MultiValueMap<String, String> parameters, String name, Pattern pattern,
            double min, double max, Double defaultValue, List<FieldProblem> problems) {
        String text = parameters.getFirst(name);
        if (text == null) {
            if (defaultValue == null) {
                problems.add(new FieldProblem(name, "is required"));
            }
            return defaultValue;
        }
        if (!pattern.matcher(text).matches()) {
            problems.add(new FieldProblem(name, "must be a plain decimal number from " + format(min) + " to "
                    + format(max)));
            return defaultValue;
        }
        double value = Double.parseDouble(text);
        if (!(value >= min && value <= max)) {
            problems.add(new FieldProblem(name, "must be from " + format(min) + " to " + format(max)));
            return defaultValue;
        }
        return value;
    }

    private static List<String> categories(MultiValueMap<String, String> parameters, List<FieldProblem> problems) {
        List<String> values = parameters.getOrDefault("category", List.of());
        if (values.size() > MAX_CATEGORIES) {
            problems.add(new FieldProblem("category", "may be given at most " + MAX_CATEGORIES + " times"));
            return List.of();
        }
        TreeSet<String> categories = new TreeSet<>();
        for (String value : values) {
            if (value == null || !CATEGORY.matcher(value).matches()) {
                problems.add(new FieldProblem("category", "must be a category code [a-z0-9_-]{1,50}"));
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
