package dev.proximity.geo.s2;

import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Projections;
import java.util.Arrays;

/**
 * The cheap covering behind {@link S2Covering}: every S2 cell of one level that intersects a cap, found in closed
 * form on each cube face instead of by the search of {@code S2RegionCoverer}, and returned as coalesced leaf-id
 * ranges.
 *
 * <p><b>Geometry.</b> A point {@code p} of face {@code f} is {@code q = N + u U + v V} scaled to unit length, where
 * {@code N} is the face normal and {@code U}, {@code V} its (orthonormal) axes, so the plane of constant {@code u}
 * has the normal {@code U - u N}. A cap of centre {@code c} and angle {@code r} that lies in the open hemisphere
 * around {@code N} ({@code c.N > sin r}) meets that plane exactly when {@code |c.(U - uN)| <= sin r |U - uN|}; this
 * quadratic inequality in {@code u} gives the cap's {@code u} range on the face in closed form, and the same holds
 * for {@code v}. A face is skipped when the cap cannot reach it: every point of a face is within
 * {@code acos(1/sqrt 3)} of its normal. The ranges are converted to cell rows and columns ({@code uvToST}, as in
 * {@code S2CellId.fromPoint}), the finest level whose block of cells fits the cell budget is chosen, and each cell
 * of the block is kept only if the cap meets it: the cap's centre lies in the cell, or the test
 * {@code |c x q|^2 <= tan^2 r (c.q)^2} (angle at most {@code r}, computed from the cross product so that metre-sized
 * caps keep their precision) holds somewhere on one of the cell's four edges (a concave quadratic along each edge,
 * so its maximum is found in closed form). Edge tests use a slightly widened angle and cell bounds padded by
 * {@link #UV_PADDING}, so rounding can only keep a cell, never drop one.
 *
 * <p><b>Poles and antimeridian</b> need no special case: the computation is on the unit sphere, and a cap over a
 * cube edge or corner simply meets two or three faces. Caps too large for the hemisphere condition on some face
 * they reach (above about 1,500 km) are left to the caller ({@code null}). Stateless and thread-safe.
 */
final class S2BlockCover {

    /** Padding of each cell's u and v bounds before the edge test (uv units, about 6 nm on the sphere). */
    static final double UV_PADDING = 1e-12;

    /** Largest angle between a face normal and a point of that face, plus a rounding margin, in radians. */
    private static final double FACE_REACH_RADIANS = Math.acos(1.0 / Math.sqrt(3.0)) + 1e-9;

    /** Face frames: normal, u axis and v axis as xyz triples, from the library's own face projection. */
    private static final double[][] NORMAL = new double[6][];
    private static final double[][] U_AXIS = new double[6][];
    private static final double[][] V_AXIS = new double[6][];

    static {
        for (int face = 0; face < 6; face++) {
            S2Point n = S2Projections.faceUvToXyz(face, 0, 0);
            S2Point u = S2Projections.faceUvToXyz(face, 1, 0).sub(n);
            S2Point v = S2Projections.faceUvToXyz(face, 0, 1).sub(n);
            NORMAL[face] = new double[] {n.getX(), n.getY(), n.getZ()};
            U_AXIS[face] = new double[] {u.getX(), u.getY(), u.getZ()};
            V_AXIS[face] = new double[] {v.getX(), v.getY(), v.getZ()};
        }
    }

    private S2BlockCover() {
    }

    /**
     * Covers the cap of unit-vector centre {@code (cx, cy, cz)} and angle {@code angleRadians} (already widened by
     * the caller's margin) with cells of the finest level whose per-face blocks hold at most {@code maxCells} cells
     * (soft: a cap over a cube corner keeps at least one cell per face).
     *
     * @return {@code [level, rangeMin0, rangeMax0, rangeMin1, rangeMax1, ...]}: coalesced leaf-id ranges sorted by
     *         signed {@code rangeMin}, or {@code null} if the cap is too large for this method
     */
    static long[] cover(double cx, double cy, double cz, double angleRadians, int maxCells) {
        double sinAngle = Math.sin(angleRadians);
        // a face is in reach when the angle between the centre and its normal is at most FACE_REACH + angle
        double reachCos = Math.cos(Math.min(Math.PI, FACE_REACH_RADIANS + angleRadians));
        // per face: iMin, iMax, jMin, jMax at leaf level, or -1 in iMin when the face is out of reach
        int[] block = new int[24];
        double[] cN = new double[6];
        double[] cU = new double[6];
        double[] cV = new double[6];
        for (int face = 0; face < 6; face++) {
            block[4 * face] = -1;
            double n = dot(cx, cy, cz, NORMAL[face]);
            if (n < reachCos - 1e-12) {
                continue;
            }
            if (!(n > sinAngle * (1.0 + 1e-9) + 1e-15)) {
                return null; // the cap leaves the face's hemisphere: the closed form does not apply
            }
            double u = dot(cx, cy, cz, U_AXIS[face]);
            double v = dot(cx, cy, cz, V_AXIS[face]);
            cN[face] = n;
            cU[face] = u;
            cV[face] = v;
            double denominator = n * n - sinAngle * sinAngle;
            double uHalf = sinAngle * Math.sqrt(Math.max(0.0, n * n + u * u - sinAngle * sinAngle)) / denominator;
            double vHalf = sinAngle * Math.sqrt(Math.max(0.0, n * n + v * v - sinAngle * sinAngle)) / denominator;
            double uMid = n * u / denominator;
            double vMid = n * v / denominator;
            double uLo = uMid - uHalf - UV_PADDING;
            double uHi = uMid + uHalf + UV_PADDING;
            double vLo = vMid - vHalf - UV_PADDING;
            double vHi = vMid + vHalf + UV_PADDING;
            if (uLo > 1.0 || uHi < -1.0 || vLo > 1.0 || vHi < -1.0) {
                continue;
            }
            block[4 * face] = leafIndex(uLo);
            block[4 * face + 1] = leafIndex(uHi);
            block[4 * face + 2] = leafIndex(vLo);
            block[4 * face + 3] = leafIndex(vHi);
        }
        int shift = levelShift(block, maxCells);
        int level = S2CellId.MAX_LEVEL - shift;
        double tan = Math.tan(angleRadians * (1.0 + 1e-9) + 1e-15);
        double tan2 = tan * tan;
        double cellSizeSt = 1.0 / (1 << level);
        long halfSpan = (1L << (2 * shift)) - 1; // a level-L id +- this is its first and last leaf
        long[] ids = new long[Math.max(8, (int) Math.min(4096, blockCells(block, shift)))];
        int count = 0;
        for (int face = 0; face < 6; face++) {
            if (block[4 * face] < 0) {
                continue;
            }
            Face f = new Face(face, cx, cy, cz, cN[face], cU[face], cV[face], tan2);
            for (int i = block[4 * face] >> shift; i <= block[4 * face + 1] >> shift; i++) {
                double uLo = S2Projections.PROJ.stToUV(i * cellSizeSt) - UV_PADDING;
                double uHi = S2Projections.PROJ.stToUV((i + 1) * cellSizeSt) + UV_PADDING;
                for (int j = block[4 * face + 2] >> shift; j <= block[4 * face + 3] >> shift; j++) {
                    double vLo = S2Projections.PROJ.stToUV(j * cellSizeSt) - UV_PADDING;
                    double vHi = S2Projections.PROJ.stToUV((j + 1) * cellSizeSt) + UV_PADDING;
                    if (!f.mayIntersect(uLo, uHi, vLo, vHi)) {
                        continue;
                    }
                    if (count == ids.length) {
                        ids = Arrays.copyOf(ids, 2 * count);
                    }
                    ids[count++] = S2CellId.fromFaceIJ(face, i << shift, j << shift).parent(level).id();
                }
            }
        }
        Arrays.sort(ids, 0, count); // signed order; cells of one level never overlap
        long[] out = new long[1 + 2 * count];
        out[0] = level;
        int size = 1;
        for (int k = 0; k < count; k++) {
            long min = ids[k] - halfSpan;
            long max = ids[k] + halfSpan;
            // leaf ids are odd: the next cell in Hilbert order starts two above the previous one's last leaf
            if (size > 1 && out[size - 1] >= 0 == max >= 0 && min - out[size - 1] == 2) {
                out[size - 1] = max;
            } else {
                out[size++] = min;
                out[size++] = max;
            }
        }
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    /**
     * The smallest {@code shift = 30 - level} whose blocks hold at most {@code maxCells} cells. The search starts
     * where the widest block spans about {@code sqrt(maxCells)} cells, so it takes one to three steps.
     */
    private static int levelShift(int[] block, int maxCells) {
        int widest = 1;
        for (int face = 0; face < 6; face++) {
            if (block[4 * face] >= 0) {
                widest = Math.max(widest, Math.max(block[4 * face + 1] - block[4 * face],
                        block[4 * face + 3] - block[4 * face + 2]) + 1);
            }
        }
        int perAxis = Math.max(1, (int) Math.sqrt(maxCells));
        int shift = Math.max(0, Math.min(S2CellId.MAX_LEVEL,
                (31 - Integer.numberOfLeadingZeros(widest)) - (31 - Integer.numberOfLeadingZeros(perAxis))));
        while (shift < S2CellId.MAX_LEVEL && blockCells(block, shift) > maxCells) {
            shift++;
        }
        while (shift > 0 && blockCells(block, shift - 1) <= maxCells) {
            shift--;
        }
        return shift;
    }

    /** Number of cells in the blocks of all reachable faces at the level {@code 30 - shift}. */
    private static long blockCells(int[] block, int shift) {
        long cells = 0;
        for (int face = 0; face < 6; face++) {
            if (block[4 * face] >= 0) {
                cells += (long) ((block[4 * face + 1] >> shift) - (block[4 * face] >> shift) + 1)
                        * ((block[4 * face + 3] >> shift) - (block[4 * face + 2] >> shift) + 1);
            }
        }
        return cells;
    }

    /** The leaf row or column of a u or v coordinate, clamped to the face (as {@code S2CellId.fromPoint}). */
    private static int leafIndex(double uv) {
        return S2Projections.stToIj(S2Projections.PROJ.uvToST(Math.max(-1.0, Math.min(1.0, uv))));
    }

    private static double dot(double x, double y, double z, double[] axis) {
        return x * axis[0] + y * axis[1] + z * axis[2];
    }

    /** The cap seen from one face: {@code c.N, c.U, c.V} and the cross products {@code c x N, c x U, c x V}. */
    private static final class Face {
        private final double cN;
        private final double cU;
        private final double cV;
        private final double[] crossN;
        private final double[] crossU;
        private final double[] crossV;
        private final double tan2;

        Face(int face, double cx, double cy, double cz, double cN, double cU, double cV, double tan2) {
            this.cN = cN;
            this.cU = cU;
            this.cV = cV;
            this.crossN = cross(cx, cy, cz, NORMAL[face]);
            this.crossU = cross(cx, cy, cz, U_AXIS[face]);
            this.crossV = cross(cx, cy, cz, V_AXIS[face]);
            this.tan2 = tan2;
        }

        private static double[] cross(double x, double y, double z, double[] a) {
            return new double[] {y * a[2] - z * a[1], z * a[0] - x * a[2], x * a[1] - y * a[0]};
        }

        /** Whether the cap may meet the uv rectangle (never {@code false} when it does). */
        boolean mayIntersect(double uLo, double uHi, double vLo, double vHi) {
            // the centre's own uv (cN > 0 on every reachable face)
            double uC = cU / cN;
            double vC = cV / cN;
            if (uC >= uLo && uC <= uHi && vC >= vLo && vC <= vHi) {
                return true;
            }
            return edge(crossN, crossU, crossV, cN + uLo * cU, cV, uLo, vLo, vHi)
                    || edge(crossN, crossU, crossV, cN + uHi * cU, cV, uHi, vLo, vHi)
                    || edge(crossN, crossV, crossU, cN + vLo * cV, cU, vLo, uLo, uHi)
                    || edge(crossN, crossV, crossU, cN + vHi * cV, cU, vHi, uLo, uHi);
        }

        /**
         * Whether the cap meets the edge where the coordinate with axis cross product {@code fixedCross} equals
         * {@code fixed} and the other coordinate (axis cross product {@code runCross}, {@code c.axis = slope}) runs
         * over {@code [from, to]}; {@code alpha} is {@code c.q} at the running coordinate 0.
         */
        private boolean edge(double[] crossNormal, double[] fixedCross, double[] runCross, double alpha, double slope,
                double fixed, double from, double to) {
            double w0x = crossNormal[0] + fixed * fixedCross[0];
            double w0y = crossNormal[1] + fixed * fixedCross[1];
            double w0z = crossNormal[2] + fixed * fixedCross[2];
            double w1w1 = runCross[0] * runCross[0] + runCross[1] * runCross[1] + runCross[2] * runCross[2];
            double w0w1 = w0x * runCross[0] + w0y * runCross[1] + w0z * runCross[2];
            // h(t) = tan2 (alpha + slope t)^2 - |w0 + t w1|^2 is concave (tan2 slope^2 < |w1|^2 = 1 - slope^2)
            double a = tan2 * slope * slope - w1w1;
            double halfB = tan2 * alpha * slope - w0w1;
            if (a < 0) {
                return inCap(w0x, w0y, w0z, runCross, alpha, slope, Math.max(from, Math.min(to, -halfB / a)));
            }
            return inCap(w0x, w0y, w0z, runCross, alpha, slope, from)
                    || inCap(w0x, w0y, w0z, runCross, alpha, slope, to);
        }

        private boolean inCap(double w0x, double w0y, double w0z, double[] runCross, double alpha, double slope,
                double t) {
            double dot = alpha + slope * t;
            double x = w0x + t * runCross[0];
            double y = w0y + t * runCross[1];
            double z = w0z + t * runCross[2];
            return dot > 0 && x * x + y * y + z * z <= tan2 * dot * dot;
        }
    }
}
