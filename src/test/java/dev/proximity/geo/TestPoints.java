package dev.proximity.geo;

import java.util.Random;

/**
 * Seeded point sets for the geo tests, mixing the cases that break spatial indexes: dense clusters, uniform
 * background, points exactly on geohash/quadtree cell edges, at exactly +-90 latitude with assorted longitudes,
 * at exactly +-180 longitude, in thin bands next to the poles and the antimeridian, and exact duplicates.
 */
public final class TestPoints {

    public final long[] ids;
    public final double[] lat;
    public final double[] lng;

    private TestPoints(int n) {
        this(new long[n], new double[n], new double[n]);
    }

    private TestPoints(long[] ids, double[] lat, double[] lng) {
        this.ids = ids;
        this.lat = lat;
        this.lng = lng;
    }

    /** Wraps the given arrays (not copied). */
    public static TestPoints of(long[] ids, double[] lat, double[] lng) {
        return new TestPoints(ids, lat, lng);
    }

    public int size() {
        return ids.length;
    }

    /** Returns {@code n} points drawn from the mixture; ids are 1..n. */
    public static TestPoints mixed(int n, long seed) {
        Random random = new Random(seed);
        TestPoints p = new TestPoints(n);
        int clusters = 60;
        double[][] centres = new double[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = switch (c % 6) {
                case 0 -> new double[] {80.0 + random.nextDouble() * 9.9, uniformLng(random)}; // far north
                case 1 -> new double[] {random.nextDouble() * 120 - 60, 179.5 + random.nextDouble()}; // antimeridian
                case 2 -> new double[] {random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1}; // null island
                default -> uniformSphere(random);
            };
        }
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double la;
            double ln;
            if (u < 0.40) {
                double[] c = centres[random.nextInt(clusters)];
                double sigmaMeters = random.nextBoolean() ? 2_000 : 20_000;
                double[] d = destination(c[0], c[1], Math.abs(random.nextGaussian()) * sigmaMeters,
                        random.nextDouble() * 2 * Math.PI);
                la = d[0];
                ln = d[1];
            } else if (u < 0.62) {
                double[] s = uniformSphere(random);
                la = s[0];
                ln = s[1];
            } else if (u < 0.74) { // exactly on a cell edge of some bit precision, in latitude, longitude or both
                int latBits = 1 + random.nextInt(30);
                int lngBits = 1 + random.nextInt(30);
                double edgeLat = -90.0 + random.nextInt(1 << Math.min(latBits, 30)) * (180.0 / (1L << latBits));
                double edgeLng = -180.0 + random.nextInt(1 << Math.min(lngBits, 30)) * (360.0 / (1L << lngBits));
                double[] s = uniformSphere(random);
                int which = random.nextInt(3);
                la = which == 1 ? s[0] : edgeLat;
                ln = which == 0 ? s[1] : edgeLng;
            } else if (u < 0.79) { // exactly at a pole
                la = random.nextBoolean() ? 90.0 : -90.0;
                ln = random.nextInt(4) == 0 ? pick(random, 0.0, 180.0, -180.0, 45.0) : uniformLng(random);
            } else if (u < 0.84) { // exactly on the antimeridian
                la = random.nextDouble() * 180 - 90;
                ln = random.nextBoolean() ? 180.0 : -180.0;
            } else if (u < 0.90) { // within about 100 km of a pole
                la = (random.nextBoolean() ? 1 : -1) * (90.0 - Math.pow(random.nextDouble(), 2) * 1.0);
                ln = uniformLng(random);
            } else if (u < 0.96) { // within about 50 km of the antimeridian
                la = random.nextDouble() * 160 - 80;
                double off = Math.pow(random.nextDouble(), 2) * 0.5;
                ln = random.nextBoolean() ? 180.0 - off : -180.0 + off;
            } else if (i > 0) { // exact duplicate of the previous point
                la = p.lat[i - 1];
                ln = p.lng[i - 1];
            } else {
                la = 0.0;
                ln = 0.0;
            }
            p.ids[i] = i + 1;
            p.lat[i] = la;
            p.lng[i] = ln;
        }
        return p;
    }

    private static double pick(Random random, double... values) {
        return values[random.nextInt(values.length)];
    }

    public static double uniformLng(Random random) {
        return random.nextDouble() * 360.0 - 180.0;
    }

    public static double[] uniformSphere(Random random) {
        return new double[] {Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)), uniformLng(random)};
    }

    /** Great-circle destination from a start point, distance in metres and bearing in radians; wraps longitude. */
    public static double[] destination(double latDegrees, double lngDegrees, double meters, double bearing) {
        double p1 = Math.toRadians(latDegrees);
        double l1 = Math.toRadians(lngDegrees);
        double a = meters / Haversine.EARTH_RADIUS_METERS;
        double sp = Math.sin(p1) * Math.cos(a) + Math.cos(p1) * Math.sin(a) * Math.cos(bearing);
        double p2 = Math.asin(Math.max(-1, Math.min(1, sp)));
        double l2 = l1 + Math.atan2(Math.sin(bearing) * Math.sin(a) * Math.cos(p1), Math.cos(a) - Math.sin(p1) * sp);
        double lng = Math.toDegrees(l2);
        lng = ((lng + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
        return new double[] {Math.max(-90, Math.min(90, Math.toDegrees(p2))), lng};
    }
}
