package dev.convkit.core.kernels.panama;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * LP pooling's roots {@code t^(1/p)} for p = 3, 4 and 1.5 (p = k or k/2): a = t (or t² for a half p, exact in
 * double) and a^(1/k). For k = 3, a · z² with z = a^(−1/3) by Newton's iteration z ← z·(4 − a·z³)/3, which
 * needs no division, from a first guess read off the exponent bits; for k = 4, √√a. (k = 5, for p = 2.5, took
 * five steps, which C2 compiled only in two loops and then still boxed: it stays on the exp/log powers.) Relative error below 1e-13 (the exp/log powers' bound) in fewer operations. Additions,
 * multiplications, square roots and bit moves only, the same in the interpreter and in compiled code; the
 * scalar tail repeats every operation, so each lane gets the bits {@link #root} gives. One straight-line loop
 * per k: a vector merged from two branches or carried around a loop loses its exact type in C2 and is boxed
 * (PanamaVectorOps' pool kernels).
 */
final class PanamaLpRoots {
    private PanamaLpRoots() {
    }

    /*
     * Newton steps: the first guess is within 8 %, and a step takes the error e to about 2e², so 4 steps reach
     * 5e-14 (measured on 2^20 floats over their range).
     */

    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, FloatVector.SPECIES_PREFERRED.vectorShape());
    private static final VectorSpecies<Float> FLOATS_OF_DOUBLES = VectorSpecies.of(float.class,
            VectorShape.forBitSize(FloatVector.SPECIES_PREFERRED.vectorBitSize() / 2));
    /** Adding and subtracting it rounds a double below 2^51 to a whole number; its bits plus n are ROUNDER + n. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** The exponent bias in the units of {@code bits >>> 12}. */
    private static final double BIAS = 1023.0 * (1L << 40);
    /** The first guess's offset, centring log2(1 + m) ≈ m's error (0 to 0.0861) in the units of {@code bits >>> 12}. */
    private static final double CENTRE = 0.0430 * (1L << 40);

    /** The k of p = k or k / 2 that this class takes, or 0. */
    static int rootDegree(double p) {
        double k = p == Math.rint(p) ? p : 2 * p == Math.rint(2 * p) ? 2 * p : 0;
        return k == 3 || k == 4 ? (int) k : 0;
    }

    /** {@code out[i] = t[i]^(1/p)} for i in [from, from + n), p as {@link #rootDegree} takes it; Math.pow's answer at 0, ∞, NaN and t < 0. */
    static void roots(float[] t, int from, int n, double p, double[] out) {
        int k = rootDegree(p);
        boolean squared = p != Math.rint(p);
        int vectorEnd = from + (n - n % DOUBLES.length());
        if (k == 3) {
            cubeRoots(t, from, vectorEnd, squared, out);
        } else {
            fourthRoots(t, from, vectorEnd, squared, out);
        }
        for (int i = vectorEnd; i < from + n; i++) {
            out[i] = root(t[i], k, squared);
        }
        specials(t, from, vectorEnd, out);
    }

    /**
     * Math.pow's answers where t is not in (0, ∞), as {@link #root} gives them: +0 for ±0, +∞ for +∞, NaN for
     * NaN and below 0 (half the windows of an odd p on signed data). A pass of its own: in the root loops these
     * blends cost C2 its node budget, and it boxed the vectors.
     */
    private static void specials(float[] t, int from, int to, double[] out) {
        for (int i = from; i < to; i += DOUBLES.length()) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(FLOATS_OF_DOUBLES, t, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector.fromArray(DOUBLES, out, i)
                    .blend(0.0, v.compare(VectorOperators.EQ, 0.0))
                    .blend(Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                    .blend(Double.NaN, v.compare(VectorOperators.LT, 0.0).or(v.compare(VectorOperators.NE, v)))
                    .intoArray(out, i);
        }
    }

    /** t, or t² where {@code notSquared} has no lane set (t · 1 or t · t). */
    private static DoubleVector base(float[] t, int i, VectorMask<Double> notSquared) {
        DoubleVector v = (DoubleVector) FloatVector.fromArray(FLOATS_OF_DOUBLES, t, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
        return v.lanewise(VectorOperators.MUL, v.blend(1.0, notSquared));
    }

    /** z ≈ a^(−1/k): a's bits (read as a number, exact through ROUNDER below 2^51) scaled by −1/k. */
    private static DoubleVector guess(DoubleVector a, int k) {
        DoubleVector b = a.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 12).add(ROUNDER_BITS).reinterpretAsDoubles()
                .sub(ROUNDER);
        DoubleVector g = b.mul(-1.0 / k).add(BIAS * (1 + 1.0 / k) - CENTRE / k).add(ROUNDER);
        return g.reinterpretAsLongs().sub(ROUNDER_BITS).lanewise(VectorOperators.LSHL, 12).reinterpretAsDoubles();
    }

    private static void cubeRoots(float[] t, int from, int to, boolean squared, double[] out) {
        // made here, not passed in: a mask argument has no exact class, and C2 then boxes every vector
        VectorMask<Double> notSquared = DOUBLES.maskAll(!squared);
        for (int i = from; i < to; i += DOUBLES.length()) {
            DoubleVector a = base(t, i, notSquared);
            DoubleVector z = guess(a, 3);
            z = cubeStep(z, a);
            z = cubeStep(z, a);
            z = cubeStep(z, a);
            z = cubeStep(z, a);
            a.lanewise(VectorOperators.MUL, z.lanewise(VectorOperators.MUL, z)).intoArray(out, i);
        }
    }

    /** z·(4 − a·z³)·(1/3). */
    private static DoubleVector cubeStep(DoubleVector z, DoubleVector a) {
        DoubleVector z3 = z.lanewise(VectorOperators.MUL, z).lanewise(VectorOperators.MUL, z);
        DoubleVector step = a.lanewise(VectorOperators.MUL, z3).neg().add(4.0);
        return z.lanewise(VectorOperators.MUL, step).lanewise(VectorOperators.MUL, 1.0 / 3);
    }

    /** √√a: both roots correctly rounded. */
    private static void fourthRoots(float[] t, int from, int to, boolean squared, double[] out) {
        // made here, not passed in: a mask argument has no exact class, and C2 then boxes every vector
        VectorMask<Double> notSquared = DOUBLES.maskAll(!squared);
        for (int i = from; i < to; i += DOUBLES.length()) {
            DoubleVector a = base(t, i, notSquared);
            a.lanewise(VectorOperators.SQRT).lanewise(VectorOperators.SQRT).intoArray(out, i);
        }
    }

    /**
     * One lane of {@link #roots}: for t in (0, ∞) the same operations in the same order; elsewhere Math.pow's
     * answers for a non-integer exponent (+0 for ±0, +∞ for +∞, NaN for NaN and below 0, also for a half p).
     */
    static double root(float t, int k, boolean squared) {
        if (!(t > 0 && t < Float.POSITIVE_INFINITY)) {
            return t == 0 ? 0.0 : t == Float.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        double v = t;
        double a = v * (squared ? v : 1.0);
        if (k == 4) {
            return Math.sqrt(Math.sqrt(a));
        }
        double b = Double.longBitsToDouble((Double.doubleToRawLongBits(a) >>> 12) + ROUNDER_BITS) - ROUNDER;
        double g = b * (-1.0 / k) + (BIAS * (1 + 1.0 / k) - CENTRE / k) + ROUNDER;
        double z = Double.longBitsToDouble((Double.doubleToRawLongBits(g) - ROUNDER_BITS) << 12);
        for (int s = 0; s < 4; s++) {
            z = z * (-(a * (z * z * z)) + 4.0) * (1.0 / 3);
        }
        return a * (z * z);
    }
}
