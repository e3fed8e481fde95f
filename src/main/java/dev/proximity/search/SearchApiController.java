package dev.proximity.search;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public search calls: nearby, nearest, area and clusters. Parameters are read as one map so the parser can
 * refuse unknown and repeated ones; {@link SearchApiDocumentation} declares them, typed, for the OpenAPI
 * document. Nothing of a query is logged.
 */
@RestController
class SearchApiController implements SearchApiDocumentation {

    private final SearchQueryParser parser;
    private final SearchService search;
    private final ClusterService clusters;

    SearchApiController(SearchQueryParser parser, SearchService search, ClusterService clusters) {
        this.parser = parser;
        this.search = search;
        this.clusters = clusters;
    }

    @Override
    @GetMapping("/v1/search/nearby")
    public NearbyResult nearby(@RequestParam MultiValueMap<String, String> parameters) {
        return search.nearby(parser.nearby(parameters));
    }

    @Override
    @GetMapping("/v1/search/nearest")
    public NearestResult nearest(@RequestParam MultiValueMap<String, String> parameters) {
        return search.nearest(parser.nearest(parameters));
    }

    @Override
    @GetMapping("/v1/search/area")
    public NearbyResult area(@RequestParam MultiValueMap<String, String> parameters) {
        return search.area(parser.area(parameters));
    }

    @Override
    @GetMapping("/v1/search/clusters")
    public ClusterResult clusters(@RequestParam MultiValueMap<String, String> parameters) {
        return clusters.clusters(parser.clusters(parameters));
    }
}
