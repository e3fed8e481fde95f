package dev.proximity.search;

import java.util.List;

/**
 * The cells one index reads for a search circle, for drawing: each cell a closed ring of {@code [lat, lng]}
 * corners in degrees and a short label (geohash string or bits, S2 token and level, quadtree leaf).
 */
record SearchCells(String index, int count, List<Cell> cells) {

    record Cell(String label, List<double[]> polygon) {
    }
}
