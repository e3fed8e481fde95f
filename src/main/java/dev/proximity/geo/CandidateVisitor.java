package dev.proximity.geo;

/**
 * Receives the candidates of a circle query as runs of consecutive rows of a {@link PointColumns}. Passing runs
 * instead of single points keeps the hot loop monomorphic and free of per-point calls.
 */
@FunctionalInterface
public interface CandidateVisitor {

    /** Visits rows {@code [fromRow, toRow)} of {@code points}. */
    void visit(PointColumns points, int fromRow, int toRow);
}
