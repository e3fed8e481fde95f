package dev.proximity.geo;

import java.util.List;

/**
 * The answer of {@link PointIndex#nearest}: up to {@code limit} neighbours ordered by (distance, id), and the counts
 * that show how well the index did.
 *
 * @param neighbors nearest points inside the circle, closest first, ties broken by smaller id
 * @param candidateCount points the index offered as candidates (all were checked exactly)
 * @param matchCount points actually inside the circle ({@code >= neighbors.size()})
 */
public record NeighborQueryResult(List<Neighbor> neighbors, int candidateCount, int matchCount) {

    public NeighborQueryResult {
        neighbors = List.copyOf(neighbors);
    }
}
