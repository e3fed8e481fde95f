package dev.proximity.search;

import dev.proximity.system.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.util.MultiValueMap;

/**
 * The search calls as the OpenAPI document shows them: every parameter typed, with its range and default, so a
 * generated client gets {@code nearby(latitude, longitude, radius, ...)}. The controller reads the query string
 * as one map (to refuse unknown and repeated parameters), which is hidden here.
 */
@Tag(name = "Search", description = "Public; nothing of a query is logged or stored.")
interface SearchApiDocumentation {

    String LATITUDE = "Latitude in degrees, a plain decimal (no exponent), -90 to 90.";
    String LONGITUDE = "Longitude in degrees, a plain decimal (no exponent), -180 to 180.";
    String LIMIT = "Businesses per page, 1 to 50.";
    String CATEGORY = "Keep only these category codes ([a-z0-9_-]{1,50}); repeat for several, at most 20.";
    String OPEN_NOW = "Keep only businesses open now in their own time zone.";
    String Q = "Keywords, 1 to 100 characters: every word must be a prefix of a word of the name or category "
            + "(after NFKC, case folding and accent removal); Han, Kana and Hangul also match inside the name.";
    String INDEX = "The spatial index that finds candidates; every index gives the same answer.";
    String PAGE_TOKEN = "nextPageToken of the previous page, with the same other parameters.";
    /** Tokens are opaque; this is only their alphabet (base64url). */
    String PAGE_TOKEN_PATTERN = "^[A-Za-z0-9_-]+$";
    String BOX = "Edges of the box in degrees; west > east means the box crosses the antimeridian.";
    String INVALID = "A parameter is missing, out of range, not a plain decimal, unknown or repeated; `errors` "
            + "names each (problem+json).";

    @Operation(operationId = "searchNearby", summary = "Businesses within a radius, nearest first",
            description = "Every business within `radius` metres of the centre, ordered by (distance, id); `total` "
                    + "is exact; `nextPageToken` is null on the last page.")
    @ApiResponse(responseCode = "200", description = "One page of the matches")
    @ApiResponse(responseCode = "400", description = INVALID)
    @ApiResponse(responseCode = "429", description = "Too many searches from this address; see Retry-After")
    @ProblemTypes("rate-limited")
    @Parameter(name = "latitude", in = ParameterIn.QUERY, required = true, description = LATITUDE,
            schema = @Schema(type = "number", format = "double", minimum = "-90", maximum = "90"))
    @Parameter(name = "longitude", in = ParameterIn.QUERY, required = true, description = LONGITUDE,
            schema = @Schema(type = "number", format = "double", minimum = "-180", maximum = "180"))
    @Parameter(name = "radius", in = ParameterIn.QUERY, description = "Radius in metres, 1 to 50,000.",
            schema = @Schema(type = "number", format = "double", minimum = "1", maximum = "50000",
                    defaultValue = "5000"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = LIMIT,
            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "50", defaultValue = "20"))
    @Parameter(name = "category", in = ParameterIn.QUERY, description = CATEGORY,
            array = @ArraySchema(maxItems = 20, schema = @Schema(type = "string", pattern = "^[a-z0-9_-]{1,50}$")))
    @Parameter(name = "openNow", in = ParameterIn.QUERY, description = OPEN_NOW,
            schema = @Schema(type = "boolean", defaultValue = "false"))
    @Parameter(name = "q", in = ParameterIn.QUERY, description = Q,
            schema = @Schema(type = "string", minLength = 1, maxLength = 100))
    @Parameter(name = "index", in = ParameterIn.QUERY, description = INDEX,
            schema = @Schema(type = "string", allowableValues = {"geohash", "quadtree", "s2"}))
    @Parameter(name = "pageToken", in = ParameterIn.QUERY, description = PAGE_TOKEN,
            schema = @Schema(type = "string", maxLength = 200, pattern = PAGE_TOKEN_PATTERN))
    NearbyResult nearby(@Parameter(hidden = true) MultiValueMap<String, String> parameters);

    @Operation(operationId = "searchNearest", summary = "The nearest businesses, whatever the distance",
            description = "The `limit` nearest matches within `maxDistance` metres, ordered by (distance, id); no "
                    + "total and no paging. The nearest open pharmacy: `category=pharmacy&openNow=true&limit=1`.")
    @ApiResponse(responseCode = "200", description = "The nearest matches")
    @ApiResponse(responseCode = "400", description = INVALID)
    @ApiResponse(responseCode = "429", description = "Too many searches from this address; see Retry-After")
    @ProblemTypes("rate-limited")
    @Parameter(name = "latitude", in = ParameterIn.QUERY, required = true, description = LATITUDE,
            schema = @Schema(type = "number", format = "double", minimum = "-90", maximum = "90"))
    @Parameter(name = "longitude", in = ParameterIn.QUERY, required = true, description = LONGITUDE,
            schema = @Schema(type = "number", format = "double", minimum = "-180", maximum = "180"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "How many, 1 to 50.",
            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "50", defaultValue = "10"))
    @Parameter(name = "maxDistance", in = ParameterIn.QUERY, description = "Farthest distance in metres, 1 to 50,000.",
            schema = @Schema(type = "number", format = "double", minimum = "1", maximum = "50000",
                    defaultValue = "50000"))
    @Parameter(name = "category", in = ParameterIn.QUERY, description = CATEGORY,
            array = @ArraySchema(maxItems = 20, schema = @Schema(type = "string", pattern = "^[a-z0-9_-]{1,50}$")))
    @Parameter(name = "openNow", in = ParameterIn.QUERY, description = OPEN_NOW,
            schema = @Schema(type = "boolean", defaultValue = "false"))
    @Parameter(name = "q", in = ParameterIn.QUERY, description = Q,
            schema = @Schema(type = "string", minLength = 1, maxLength = 100))
    @Parameter(name = "index", in = ParameterIn.QUERY, description = INDEX,
            schema = @Schema(type = "string", allowableValues = {"geohash", "quadtree", "s2"}))
    NearestResult nearest(@Parameter(hidden = true) MultiValueMap<String, String> parameters);

    @Operation(operationId = "searchArea", summary = "Businesses in a map viewport",
            description = "Every business with south <= latitude <= north and longitude in [west, east] (west > "
                    + "east crosses the antimeridian), ordered by distance from the box's centre, then id; `total` "
                    + "is exact; paged as nearby. The box's diagonal is at most 100 km (zoomed out: clusters).")
    @ApiResponse(responseCode = "200", description = "One page of the matches")
    @ApiResponse(responseCode = "400", description = INVALID + " Also a box more than 100 km across.")
    @ApiResponse(responseCode = "429", description = "Too many searches from this address; see Retry-After")
    @ProblemTypes("rate-limited")
    @Parameter(name = "south", in = ParameterIn.QUERY, required = true, description = BOX,
            schema = @Schema(type = "number", format = "double", minimum = "-90", maximum = "90"))
    @Parameter(name = "west", in = ParameterIn.QUERY, required = true, description = BOX,
            schema = @Schema(type = "number", format = "double", minimum = "-180", maximum = "180"))
    @Parameter(name = "north", in = ParameterIn.QUERY, required = true, description = BOX + " Not below south.",
            schema = @Schema(type = "number", format = "double", minimum = "-90", maximum = "90"))
    @Parameter(name = "east", in = ParameterIn.QUERY, required = true, description = BOX,
            schema = @Schema(type = "number", format = "double", minimum = "-180", maximum = "180"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = LIMIT,
            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "50", defaultValue = "20"))
    @Parameter(name = "category", in = ParameterIn.QUERY, description = CATEGORY,
            array = @ArraySchema(maxItems = 20, schema = @Schema(type = "string", pattern = "^[a-z0-9_-]{1,50}$")))
    @Parameter(name = "openNow", in = ParameterIn.QUERY, description = OPEN_NOW,
            schema = @Schema(type = "boolean", defaultValue = "false"))
    @Parameter(name = "q", in = ParameterIn.QUERY, description = Q,
            schema = @Schema(type = "string", minLength = 1, maxLength = 100))
    @Parameter(name = "index", in = ParameterIn.QUERY, description = INDEX,
            schema = @Schema(type = "string", allowableValues = {"geohash", "quadtree", "s2"}))
    @Parameter(name = "pageToken", in = ParameterIn.QUERY, description = PAGE_TOKEN,
            schema = @Schema(type = "string", maxLength = 200, pattern = PAGE_TOKEN_PATTERN))
    NearbyResult area(@Parameter(hidden = true) MultiValueMap<String, String> parameters);

    @Operation(operationId = "searchClusters", summary = "Counts of businesses per map grid cell",
            description = "The box (up to the whole world) cut into the server's grid of cells about 64 pixels "
                    + "wide at this Web-Mercator zoom (fixed to the world, so stable as the map pans); one cluster "
                    + "per non-empty cell, at the mean position of its businesses in the box; the counts add up to "
                    + "`total`, which is exact. At most 65,536 grid cells per request.")
    @ApiResponse(responseCode = "200", description = "The clusters")
    @ApiResponse(responseCode = "400", description = INVALID + " Also a box of more than 65,536 grid cells.")
    @ApiResponse(responseCode = "429", description = "Too many searches from this address; see Retry-After")
    @ProblemTypes("rate-limited")
    @Parameter(name = "south", in = ParameterIn.QUERY, required = true, description = BOX,
            schema = @Schema(type = "number", format = "double", minimum = "-90", maximum = "90"))
    @Parameter(name = "west", in = ParameterIn.QUERY, required = true, description = BOX,
            schema = @Schema(type = "number", format = "double", minimum = "-180", maximum = "180"))
    @Parameter(name = "north", in = ParameterIn.QUERY, required = true, description = BOX + " Not below south.",
            schema = @Schema(type = "number", format = "double", minimum = "-90", maximum = "90"))
    @Parameter(name = "east", in = ParameterIn.QUERY, required = true, description = BOX,
            schema = @Schema(type = "number", format = "double", minimum = "-180", maximum = "180"))
    @Parameter(name = "zoom", in = ParameterIn.QUERY, required = true, description = "Web-Mercator zoom, 0 to 20.",
            schema = @Schema(type = "integer", format = "int32", minimum = "0", maximum = "20"))
    @Parameter(name = "category", in = ParameterIn.QUERY, description = CATEGORY,
            array = @ArraySchema(maxItems = 20, schema = @Schema(type = "string", pattern = "^[a-z0-9_-]{1,50}$")))
    @Parameter(name = "openNow", in = ParameterIn.QUERY, description = OPEN_NOW,
            schema = @Schema(type = "boolean", defaultValue = "false"))
    @Parameter(name = "q", in = ParameterIn.QUERY, description = Q,
            schema = @Schema(type = "string", minLength = 1, maxLength = 100))
    ClusterResult clusters(@Parameter(hidden = true) MultiValueMap<String, String> parameters);
}
