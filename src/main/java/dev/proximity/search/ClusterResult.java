package dev.proximity.search;

import java.util.List;

/**
 * The clusters of a box at a zoom: one per non-empty grid cell, at the mean position of its businesses in the
 * box, with the cell's bounds; {@code total} is the sum of the counts, every business in the box.
 */
record ClusterResult(long total, List<Cluster> clusters) {

    record Cluster(double latitude, double longitude, long count, double south, double west, double north,
            double east) {
    }
}
