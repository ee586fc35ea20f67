package dev.convkit.core.kernels;

/**
 * x^p for a fractional p &gt; 0 to float accuracy, a float in and a float out: LP pooling's powers of its inputs and its
 * roots for a general p, which took exp/log to double accuracy into a double array per plane. {@link #of} is the
 * definition every provider computes bit for bit (the Panama lanes run the same IEEE operations and fused
 * multiply-adds in the same order), so the interpreter, compiled code and a vector's scalar tail agree.
 *
 * <pre>
 *   x = m · 2^e, m in [√½, √2);   ln m = 2·atanh t, t = (m − 1) / (m + 1), |t| ≤ 0.172: the series to t^11
 *   y = p · (e·ln2 + ln m);        y = k·ln2 + r, |r| ≤ ln2/2: e^r by Taylor to degree 8;   x^p = e^r · 2^k
 * </pre>
 * Accuracy: the double result is within 1e-9 relative of x^p (series 5e-11, Taylor 2e-10, the rest rounding), so the
 * float is the correctly rounded one but for near-ties (one ulp then); {@code GeneralPowersTest} measures it. Zero
 * (either sign) gives +0, +∞ gives +∞, a negative x or NaN gives NaN (Math.pow's answers for a fractional p &gt; 0);
 * a result past float's range is +∞, one below its subnormals 0.
 *
 * <pre>{@code
 * assert GeneralPowers.of(4f, 1.5) == 8f && GeneralPowers.of(0f, 1.3) == 0f && Float.isNaN(GeneralPowers.of(-1f, 1.3));
 * }</pre>
 */
public final class GeneralPowers {
    private GeneralPowers() {
    }

    /** ln 2 in two parts: k · LN2_HI is exact for |k| below 2^11, so y − k·ln2 keeps r's bits. */
    public static final double LN2_HI = 0x1.62e42fee00000p-1;
    public static final double LN2_LO = 0x1.a39ef35793c76p-33;
    public static final double INV_LN2 = 1 / Math.log(2);
    public static final double SQRT_2 = Math.sqrt(2);
    /** The atanh series' coefficients after the first, 1/3 .. 1/11, and 1/k! for the Taylor terms k = 2 .. 8. */
    public static final double A3 = 1.0 / 3, A5 = 1.0 / 5, A7 = 1.0 / 7, A9 = 1.0 / 9, A11 = 1.0 / 11;
    public static final double F2 = 1.0 / 2, F3 = 1.0 / 6, F4 = 1.0 / 24, F5 = 1.0 / 120, F6 = 1.0 / 720, F7 = 1.0 / 5040,
            F8 = 1.0 / 40320;
    /** e^r · 2^k is finite and normal in double for k in [MIN_K, MAX_K]; past them a float result is 0 or +∞. */
    public static final double MIN_K = -1022;
    public static final double MAX_K = 1023;

    /** x^p as described above, p &gt; 0 and finite. */
    public static float of(float x, double p) {
        if (!(x > 0)) {
            return x == 0 ? 0f : Float.NaN;
        }
        if (x == Float.POSITIVE_INFINITY) {
            return x;
        }
        // a float's value is a normal double (subnormal floats too)
        long bits = Double.doubleToRawLongBits(x);
        double m = Double.longBitsToDouble(bits & CubeRoots.MANTISSA | CubeRoots.ONE_BITS);
        double e = Double.longBitsToDouble((bits >>> 52) + (CubeRoots.ROUNDER_BITS - 1023)) - CubeRoots.ROUNDER;
        if (m > SQRT_2) {
            m = m * 0.5;
            e = e + 1.0;
        }
        double t = (m - 1.0) / (m + 1.0);
        double t2 = t * t;
        double series = Math.fma(Math.fma(Math.fma(Math.fma(A11, t2, A9), t2, A7), t2, A5), t2, A3);
        double lnM = Math.fma(t * t2, series, t) * 2.0;
        double y = Math.fma(e, LN2_HI, Math.fma(e, LN2_LO, lnM)) * p;
        double k = Math.fma(y, INV_LN2, CubeRoots.ROUNDER) - CubeRoots.ROUNDER;
        if (k > MAX_K) {
            return Float.POSITIVE_INFINITY;
        }
        if (k < MIN_K) {
            return 0f;
        }
        double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, y));
        double poly = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(F8, r, F7), r, F6), r, F5), r, F4), r, F3), r, F2);
        double expR = Math.fma(Math.fma(poly, r, 1.0), r, 1.0);
        double twoToK = Double.longBitsToDouble((Double.doubleToRawLongBits(k + CubeRoots.ROUNDER) - (CubeRoots.ROUNDER_BITS - 1023)) << 52);
        return (float) (expR * twoToK);
    }
}
