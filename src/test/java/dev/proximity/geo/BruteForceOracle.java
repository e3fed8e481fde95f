package dev.proximity.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The test oracle: every point whose {@link Haversine} distance is at most the radius, found by brute force.
 * Points are pre-sorted by latitude only to skip those whose latitude alone puts them out of reach (a point within
 * {@code r} of the centre differs in latitude by at most {@code r}); every remaining point is measured.
 */
public final class BruteForceOracle {

    private final long[] ids;
    private final double[] lat;
    private final double[] lng;

    public BruteForceOracle(TestPoints points) {
        Integer[] order = new Integer[points.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> points.lat[i]));
        ids = new long[order.length];
        lat = new double[order.length];
        lng = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            ids[k] = points.ids[order[k]];
            lat[k] = points.lat[order[k]];
            lng[k] = points.lng[order[k]];
        }
    }

    /** Every point within the circle, ordered by (distance, id). */
    public List<Neighbor> within(LatLng center, double radiusMeters) {
        double reach = Math.toDegrees(Haversine.metersToRadians(radiusMeters)) + 1e-6;
        int from = lowerBound(center.latDegrees() - reach);
        List<Neighbor> result = new ArrayList<>();
        for (int k = from; k < lat.length && lat[k] <= center.latDegrees() + reach; k++) {
            double d = Haversine.distanceMeters(center.latDegrees(), center.lngDegrees(), lat[k], lng[k]);
            if (d <= radiusMeters) {
                result.add(new Neighbor(ids[k], d));
            }
        }
        result.sort(Comparator.comparingDouble(Neighbor::distanceMeters).thenComparingLong(Neighbor::id));
        return result;
    }

    private int lowerBound(double value) {
        int lo = 0;
        int hi = lat.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (lat[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
