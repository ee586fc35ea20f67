package dev.convkit.core.kernels;

/**
 * Cube roots of floats in double with IEEE multiplications and fused multiply-adds only (no exp/log, no division),
 * for LP pooling's roots t^(1/3) at p = 3. {@link #of} is the definition every provider computes bit for
 * bit (the Panama lanes run the same operations in the same order), so the interpreter, compiled code
 * and a vector's scalar tail agree. Accuracy: within 1e-15 of the exact cube root for every positive float
 * (subnormals too, which are normal as doubles), so the float it rounds to is the correctly rounded one
 * but for rare near-ties (one ulp then).
 *
 * <pre>
 *   t = m · 2^e, m in [1, 2);   e = 3q + rest, rest in {0, 1, 2}
 *   r ≈ m^(-1/3): a cubic (5e-4), then three Newton steps r += r · (1 − m·r³) / 3 (5e-4 → 1e-6 → 1e-12 → 1e-16)
 *   t^(1/3) = m · r² · 2^(rest/3) · 2^q
 * </pre>
 * Zero (either sign) gives +0, +∞ gives +∞, a negative t or NaN gives NaN: Math.pow(t, 1/3.)'s answers, as
 * PyTorch's pow gives them (not Math.cbrt's signed roots).
 *
 * <pre>{@code
 * assert CubeRoots.of(8f) == 2.0 && CubeRoots.of(0x1p-30f) == 0x1p-10;
 * assert Math.abs(CubeRoots.of(10f) - Math.cbrt(10)) <= 1e-15 * Math.cbrt(10);
 * assert CubeRoots.of(-0f) == 0.0 && Double.isNaN(CubeRoots.of(-8f)); // as Math.pow(t, 1/3.), not Math.cbrt
 * }</pre>
 */
public final class CubeRoots {
    private CubeRoots() {
    }

    /** m^(-1/3) on [1, 2), Chebyshev-fitted cubic in Horner order by fused multiply-adds: c3·m + c2, ·m + c1, ·m + c0. */
    public static final double C0 = 0x1.8979e33201032p+0;
    public static final double C1 = -0x1.9a4c1cdc4b2c2p-1;
    public static final double C2 = 0x1.4079cac113e65p-2;
    public static final double C3 = -0x1.9238ad5a1a2bep-5;
    /** 2^(1/3) and 2^(2/3), rounded to double. */
    public static final double CBRT_2 = 1.2599210498948732;
    public static final double CBRT_4 = 1.5874010519681994;
    /** Adding and subtracting it rounds a double below 2^51 to a whole number; its bits carry small whole numbers. */
    public static final double ROUNDER = 0x1.8p52;
    public static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    public static final long MANTISSA = 0x000FFFFFFFFFFFFFL;
    public static final long ONE_BITS = 0x3FF0000000000000L;

    /** t^(1/3) as described above; t a float's value. */
    public static double of(float t) {
        double x = t;
        if (x == 0) {
            return 0.0;
        }
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return x == Double.POSITIVE_INFINITY ? x : Double.NaN;
        }
        long bits = Double.doubleToRawLongBits(x);
        // e − 1, exactly (whole numbers through ROUNDER's bits)
        double eMinusOne = Double.longBitsToDouble((bits >>> 52) + (ROUNDER_BITS - 1024)) - ROUNDER;
        // q = floor(e / 3) = round((e − 1) / 3): the quotient is q − 1/3, q or q + 1/3
        double roundedQ = eMinusOne * (1.0 / 3) + ROUNDER;
        double q = roundedQ - ROUNDER;
        double restMinusOne = eMinusOne - q * 3;
        double m = Double.longBitsToDouble((bits & MANTISSA) | ONE_BITS);
        double r = Math.fma(Math.fma(Math.fma(m, C3, C2), m, C1), m, C0);
        r = newtonStep(r, m);
        r = newtonStep(r, m);
        r = newtonStep(r, m);
        double y = m * (r * r);
        double scale = restMinusOne == 0 ? CBRT_2 : restMinusOne == 1 ? CBRT_4 : 1.0;
        double twoToQ = Double.longBitsToDouble((Double.doubleToRawLongBits(roundedQ) - (ROUNDER_BITS - 1023)) << 52);
        return y * scale * twoToQ;
    }

    /** One Newton step for m^(-1/3): r + r·(1 − m·r³)·(1/3), each bracket a fused multiply-add. */
    private static double newtonStep(double r, double m) {
        return Math.fma(r * Math.fma(-m, r * r * r, 1), 1.0 / 3, r);
    }
}
