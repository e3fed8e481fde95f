package dev.proximity.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded viewports ({@link LatLngBox}) and points for the box tests, mixing what breaks box code: boxes crossing
 * the antimeridian, edges exactly at +-180 and +-90 (in both spellings of the antimeridian, and west = 180 with
 * east = -180), polar caps, the whole world, zero-width and tiny boxes, edges on dyadic grid lines; points on
 * corners and edges, one ulp outside them, at the poles and on the antimeridian.
 */
public final class TestBoxes {

    private TestBoxes() {
    }

    /** One random box; {@code kind} (any int, taken modulo the number of kinds) picks its shape. */
    public static LatLngBox box(Random random, int kind) {
        switch (Math.floorMod(kind, 9)) {
            case 0 -> { // anywhere; crosses the antimeridian about half the time
                double a = -90 + 180 * random.nextDouble();
                double b = -90 + 180 * random.nextDouble();
                return new LatLngBox(Math.min(a, b), lng(random), Math.max(a, b), lng(random));
            }
            case 1 -> { // tiny, possibly across the antimeridian
                double size = Math.pow(10, -9 + 6 * random.nextDouble());
                double south = -90 + (180 - size) * random.nextDouble();
                double west = random.nextInt(4) == 0 ? 180 - size * random.nextDouble()
                        : -180 + 360 * random.nextDouble();
                double east = west + size * random.nextDouble();
                return new LatLngBox(south, west, south + size * random.nextDouble(), east > 180 ? east - 360 : east);
            }
            case 2 -> { // across the antimeridian
                double south = -80 + 150 * random.nextDouble();
                return new LatLngBox(south, 170 + 10 * random.nextDouble(), south + 10 * random.nextDouble(),
                        -180 + 10 * random.nextDouble());
            }
            case 3 -> { // touching a pole, any longitudes or all of them
                boolean north = random.nextBoolean();
                double edge = (north ? 1 : -1) * (90 - 30 * random.nextDouble());
                double west = random.nextBoolean() ? -180 : lng(random);
                double east = west == -180 ? 180 : lng(random);
                return north ? new LatLngBox(edge, west, 90, east) : new LatLngBox(-90, west, edge, east);
            }
            case 4 -> { // an edge (or both) exactly at +-180, in either spelling
                double a = -90 + 180 * random.nextDouble();
                double b = -90 + 180 * random.nextDouble();
                double west = pick(random, -180.0, 180.0, lng(random));
                double east = pick(random, -180.0, 180.0, lng(random));
                return new LatLngBox(Math.min(a, b), west, Math.max(a, b), east);
            }
            case 5 -> { // the whole world, a full band of latitudes, or all latitudes of a band of longitudes
                double a = -90 + 180 * random.nextDouble();
                double b = -90 + 180 * random.nextDouble();
                return switch (random.nextInt(3)) {
                    case 0 -> LatLngBox.world();
                    case 1 -> new LatLngBox(Math.min(a, b), -180, Math.max(a, b), 180);
                    default -> new LatLngBox(-90, lng(random), 90, lng(random));
                };
            }
            case 6 -> { // edges on dyadic grid lines (geohash and Web-Mercator column edges)
                int bits = 1 + random.nextInt(24);
                double step = 360.0 / (1L << bits);
                double west = -180 + step * random.nextInt(1 << bits);
                double east = -180 + step * random.nextInt(1 << bits);
                double latStep = 180.0 / (1L << bits);
                double a = -90 + latStep * random.nextInt((1 << bits) + 1);
                double b = -90 + latStep * random.nextInt((1 << bits) + 1);
                return new LatLngBox(Math.min(a, b), west, Math.max(a, b), east);
            }
            case 7 -> { // zero width or zero height, at ordinary or special values
                double lat = pick(random, -90.0, 90.0, 0.0, -90 + 180 * random.nextDouble());
                double lng = pick(random, -180.0, 180.0, 0.0, lng(random));
                return random.nextBoolean() ? new LatLngBox(lat, lng(random), lat, lng(random))
                        : new LatLngBox(Math.min(lat, 0), lng, Math.max(lat, 0), lng);
            }
            default -> { // the antimeridian's two spellings as the two edges: west = 180 and east = -180
                double a = -90 + 180 * random.nextDouble();
                double b = -90 + 180 * random.nextDouble();
                return new LatLngBox(Math.min(a, b), 180, Math.max(a, b), -180);
            }
        }
    }

    /**
     * Points that matter for {@code box}: its corners and points on each edge, the same one ulp outside, both
     * spellings of +-180, the poles, random points inside and anywhere. Each is {@code {lat, lng}}.
     */
    public static List<double[]> pointsFor(LatLngBox box, Random random, int count) {
        List<double[]> points = new ArrayList<>();
        double[] lats = {box.south(), box.north(), Math.nextDown(box.south()), Math.nextUp(box.north()),
                Math.nextUp(box.south()), Math.nextDown(box.north()), 90, -90};
        double[] lngs = {box.west(), box.east(), Math.nextDown(box.west()), Math.nextUp(box.east()),
                Math.nextUp(box.west()), Math.nextDown(box.east()), 180, -180, -box.west(), -box.east()};
        for (int i = 0; i < count; i++) {
            double lat = switch (random.nextInt(4)) {
                case 0 -> lats[random.nextInt(lats.length)];
                case 1 -> -90 + 180 * random.nextDouble();
                default -> box.south() + (box.north() - box.south()) * random.nextDouble();
            };
            double lng = switch (random.nextInt(4)) {
                case 0 -> lngs[random.nextInt(lngs.length)];
                case 1 -> lng(random);
                default -> wrap(box.west() + box.lngSpanDegrees() * random.nextDouble());
            };
            if (lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180) {
                points.add(new double[] {lat, lng});
            }
        }
        return points;
    }

    private static double wrap(double lng) {
        return lng > 180 ? lng - 360 : lng;
    }

    private static double lng(Random random) {
        return -180 + 360 * random.nextDouble();
    }

    private static double pick(Random random, double... values) {
        return values[random.nextInt(values.length)];
    }
}
