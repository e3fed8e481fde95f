package dev.proximity.search;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/search/nearby}: public, no coordinates logged. */
@RestController
class NearbyApiController {

    private final NearbyQueryParser parser;
    private final NearbySearchService search;

    NearbyApiController(NearbyQueryParser parser, NearbySearchService search) {
        this.parser = parser;
        this.search = search;
    }

    @GetMapping("/v1/search/nearby")
    NearbyResult nearby(@RequestParam MultiValueMap<String, String> parameters) {
        return search.search(parser.parse(parameters));
    }
}
