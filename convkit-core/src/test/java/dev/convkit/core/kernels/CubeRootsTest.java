package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pool10: LP pooling's cube roots (p = 3) by multiplications and adds. The definition against the exact root
 * over the whole float range (subnormals, the largest float, exact cubes), Math.pow's answers for 0, -0, ∞,
 * negatives and NaN, and every provider's vector kernel against the definition bit for bit, tails included.
 */
class CubeRootsTest {
    /** Every positive float's exponent, random mantissas, subnormals down to the smallest, exact cubes. */
    private static float[] positives() {
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[277 * 40 + 200];
        int k = 0;
        for (int e = -149; e <= 127; e++) {
            for (int j = 0; j < 40; j++) {
                // the smallest exponents are subnormal: random bits below the leading one
                x[k++] = e < -126 ? Float.MIN_VALUE * (1 + random.nextInt(1 << (e + 149)))
                        : (float) Math.scalb(1 + random.nextDouble(), e);
            }
        }
        for (int j = 1; k < x.length; j++) {
            x[k++] = j % 3 == 0 ? (float) j * j * j : j % 3 == 1 ? Float.MAX_VALUE / j : Float.MIN_NORMAL * j;
        }
        return x;
    }

    @Test
    void theDefinitionIsWithin1e15OfTheExactRoot() {
        float[] x = positives();
        int differentFromPow = 0;
        for (float t : x) {
            double root = CubeRoots.of(t);
            double exact = Math.cbrt(t); // within one ulp
            assertThat(Math.abs(root - exact)).as("cbrt %s", t).isLessThanOrEqualTo(1e-15 * exact);
            // as a float (what LP pooling stores): Math.pow's float, or one float ulp from it at a near-tie
            float asFloat = (float) root;
            float pow = (float) Math.pow(t, 1.0 / 3);
            assertThat(Math.abs(asFloat - pow)).as("cbrt %s as a float", t).isLessThanOrEqualTo(Math.ulp(pow));
            differentFromPow += asFloat == pow ? 0 : 1;
        }
        assertThat(differentFromPow).isLessThan(x.length / 1000);
        assertThat(CubeRoots.of(8f)).isEqualTo(2.0);
        assertThat(CubeRoots.of(0x1p-30f)).isEqualTo(0x1p-10);
        assertThat(CubeRoots.of(Float.MIN_VALUE)).isCloseTo(Math.cbrt(Float.MIN_VALUE), org.assertj.core.data.Percentage.withPercentage(1e-13));
    }

    @Test
    void specialValuesArePowsAnswers() {
        assertThat(Double.doubleToRawLongBits(CubeRoots.of(0f))).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Double.doubleToRawLongBits(CubeRoots.of(-0f))).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(CubeRoots.of(Float.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(CubeRoots.of(Float.NEGATIVE_INFINITY)).isNaN();
        assertThat(CubeRoots.of(-8f)).isNaN();
        assertThat(CubeRoots.of(-Float.MIN_VALUE)).isNaN();
        assertThat(CubeRoots.of(Float.NaN)).isNaN();
    }

    @Test
    void everyProviderComputesTheDefinitionBitForBit() {
        float[] positives = positives();
        SplittableRandom random = new SplittableRandom(9);
        float[] specials = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -1f, -Float.MIN_VALUE};
        float[] t = new float[positives.length];
        for (int i = 0; i < t.length; i++) {
            // a special in about one lane in five, in every lane position
            t[i] = random.nextInt(5) == 0 ? specials[random.nextInt(specials.length)] : positives[i];
        }
        for (KernelProvider provider : Providers.all()) {
            for (int[] range : new int[][] {{0, t.length}, {3, t.length - 10}, {1, 7}, {5, 17}, {2, 0}}) {
                int from = range[0];
                int n = range[1];
                float[] out = new float[n + 4];
                provider.vectorOps().cubeRoots(t, from, n, out, 3);
                for (int i = 0; i < n; i++) {
                    float expected = (float) CubeRoots.of(t[from + i]);
                    assertThat(Float.floatToRawIntBits(out[3 + i])).as("%s: cbrt %s", provider.name(), t[from + i])
                            .isEqualTo(Float.floatToRawIntBits(expected));
                }
            }
        }
    }
}
