package dev.proximity.search;

import java.util.ArrayList;
import java.util.List;

import com.google.common.geometry.S2Cell;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import dev.proximity.geo.BoundingBox;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.geohash.Geohash;
import dev.proximity.geo.geohash.GeohashCover;
import dev.proximity.geo.geohash.GeohashCovering;
import dev.proximity.geo.s2.S2Covering;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/search/cells}: the cells the chosen index reads for a nearby search with the same parameters,
 * so the map can show how geohash, quadtree and S2 cover the circle. Geohash and S2 use the coverings their
 * indexes use; the quadtree reports the leaves the live tree visits. A debugging view, not a contract, so it is
 * left out of the OpenAPI document.
 */
@Hidden
@RestController
class SearchCellsController {

    /** The quadtree of a dense city at 50 km can touch thousands of leaves; the map draws at most these. */
    static final int MAX_CELLS = 2000;

    private final SearchQueryParser parser;
    private final SearchState state;
    private final GeohashCovering geohashCovering = GeohashCovering.adaptiveBits(GeohashCovering.DEFAULT_MAX_CELLS);
    private final S2Covering s2Covering = S2Covering.withDefaults();

    SearchCellsController(SearchQueryParser parser, SearchState state) {
        this.parser = parser;
        this.state = state;
    }

    @GetMapping("/v1/search/cells")
    SearchCells cells(@RequestParam MultiValueMap<String, String> parameters) {
        NearbyQuery query = parser.nearby(parameters);
        List<SearchCells.Cell> cells = switch (query.index()) {
            case GEOHASH -> geohashCells(query.center(), query.radiusMeters());
            case S2 -> s2Cells(query.center(), query.radiusMeters());
            case QUADTREE -> quadtreeCells(query.center(), query.radiusMeters());
        };
        List<SearchCells.Cell> shown = cells.size() > MAX_CELLS ? cells.subList(0, MAX_CELLS) : cells;
        return new SearchCells(query.index().apiName(), cells.size(), shown);
    }

    private List<SearchCells.Cell> geohashCells(LatLng center, double radiusMeters) {
        GeohashCover cover = geohashCovering.cover(center, radiusMeters);
        List<SearchCells.Cell> cells = new ArrayList<>(cover.size());
        for (long bits : cover.cells()) {
            String label = cover.bitCount() % 5 == 0 ? Geohash.toBase32(bits, cover.bitCount() / 5)
                    : cover.bitCount() + " bits";
            cells.add(new SearchCells.Cell(label, rectangle(Geohash.decodeBits(bits, cover.bitCount()))));
        }
        return cells;
    }

    private List<SearchCells.Cell> s2Cells(LatLng center, double radiusMeters) {
        List<SearchCells.Cell> cells = new ArrayList<>();
        for (S2CellId id : s2Covering.cells(center, radiusMeters)) {
            S2Cell cell = new S2Cell(id);
            List<double[]> ring = new ArrayList<>(5);
            for (int k = 0; k <= 4; k++) {
                S2LatLng corner = new S2LatLng(cell.getVertex(k % 4));
                ring.add(new double[] {corner.latDegrees(), corner.lngDegrees()});
            }
            cells.add(new SearchCells.Cell(id.toToken() + " (level " + id.level() + ")", ring));
        }
        return cells;
    }

    private List<SearchCells.Cell> quadtreeCells(LatLng center, double radiusMeters) {
        List<SearchCells.Cell> cells = new ArrayList<>();
        for (BoundingBox leaf : state.current().quadtree.visitedLeafBounds(center, radiusMeters)) {
            cells.add(new SearchCells.Cell("leaf", rectangle(leaf)));
        }
        return cells;
    }

    private static List<double[]> rectangle(BoundingBox box) {
        return List.of(
                new double[] {box.minLatDegrees(), box.minLngDegrees()},
                new double[] {box.minLatDegrees(), box.maxLngDegrees()},
                new double[] {box.maxLatDegrees(), box.maxLngDegrees()},
                new double[] {box.maxLatDegrees(), box.minLngDegrees()},
                new double[] {box.minLatDegrees(), box.minLngDegrees()});
    }
}
