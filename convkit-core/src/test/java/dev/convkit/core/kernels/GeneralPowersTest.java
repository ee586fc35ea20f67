package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * lp52: LP pooling's fractional powers to float accuracy. The definition against Math.pow in double over the whole
 * float range for many p (inputs and roots, 0.05 to 13.7), Math.pow's answers for 0, -0, ∞, negatives and NaN, results
 * past float's range, and every provider's vector kernel against the definition bit for bit, tails included.
 */
class GeneralPowersTest {
    private static final double[] PS = {1.3, 1 / 1.3, 3.7, 1 / 3.7, 2.2, 0.7, 0.05, 13.7, 1 / 7.25, 5.9};

    /** Every positive float's exponent, random mantissas, subnormals down to the smallest, values near 1. */
    private static float[] positives(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[277 * 60 + 400];
        int k = 0;
        for (int e = -149; e <= 127; e++) {
            for (int j = 0; j < 60; j++) {
                x[k++] = e < -126 ? Float.MIN_VALUE * (1 + random.nextInt(1 << (e + 149)))
                        : (float) Math.scalb(1 + random.nextDouble(), e);
            }
        }
        while (k < x.length) {
            // around 1 and √2, where the reduction switches, and the largest floats
            x[k] = k % 3 == 0 ? (float) (1 + random.nextGaussian() * 1e-3) : k % 3 == 1
                    ? (float) (Math.sqrt(2) + random.nextGaussian() * 1e-6) : Float.MAX_VALUE / (1 + random.nextInt(1000));
            k++;
        }
        return x;
    }

    /** The float is Math.pow's correctly rounded float but for near-ties, where it is one ulp from it. */
    @Test
    void theDefinitionIsWithinHalfAFloatUlpAndABillionthOfMathPow() {
        for (double p : PS) {
            float[] x = positives(Double.doubleToLongBits(p));
            int differentFromPow = 0;
            double worst = 0;
            for (float v : x) {
                float power = GeneralPowers.of(v, p);
                double exact = Math.pow(v, p);
                float pow = (float) exact;
                String what = v + "^" + p;
                if (Float.isInfinite(pow) || Math.abs(pow) < Float.MIN_NORMAL) {
                    // at float's ends: the same float, or the next one at a rounding boundary
                    assertThat(Math.abs(Float.floatToRawIntBits(power) - Float.floatToRawIntBits(pow))).as(what).isLessThanOrEqualTo(1);
                    continue;
                }
                double relative = Math.abs(power - exact) / exact;
                worst = Math.max(worst, relative);
                assertThat(relative).as(what).isLessThanOrEqualTo(0x1p-24 + 1e-9);
                differentFromPow += power == pow ? 0 : 1;
            }
            assertThat(differentFromPow).as("p=%s", p).isLessThan(x.length / 500);
            assertThat(worst).as("p=%s", p).isGreaterThan(0);
        }
        assertThat(GeneralPowers.of(4f, 1.5)).isEqualTo(8f);
        assertThat(GeneralPowers.of(0x1p-30f, 1.3)).isEqualTo((float) Math.pow(0x1p-30, 1.3));
    }

    @Test
    void specialValuesArePowsAnswers() {
        for (double p : PS) {
            assertThat(Float.floatToRawIntBits(GeneralPowers.of(0f, p))).isEqualTo(Float.floatToRawIntBits(0f));
            assertThat(Float.floatToRawIntBits(GeneralPowers.of(-0f, p))).isEqualTo(Float.floatToRawIntBits(0f));
            assertThat(GeneralPowers.of(Float.POSITIVE_INFINITY, p)).isEqualTo(Float.POSITIVE_INFINITY);
            assertThat(GeneralPowers.of(Float.NEGATIVE_INFINITY, p)).isNaN();
            assertThat(GeneralPowers.of(-8f, p)).isNaN();
            assertThat(GeneralPowers.of(-Float.MIN_VALUE, p)).isNaN();
            assertThat(GeneralPowers.of(Float.NaN, p)).isNaN();
        }
        // past float's range and below its subnormals
        assertThat(GeneralPowers.of(1e30f, 1.3)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(GeneralPowers.of(Float.MAX_VALUE, 13.7)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(GeneralPowers.of(1e-30f, 1.7)).isEqualTo(0f);
        assertThat(GeneralPowers.of(Float.MIN_VALUE, 13.7)).isEqualTo(0f);
    }

    @Test
    void everyProviderComputesTheDefinitionBitForBit() {
        SplittableRandom random = new SplittableRandom(13);
        float[] specials = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -1f, -Float.MIN_VALUE,
            Float.MAX_VALUE, Float.MIN_VALUE};
        for (double p : PS) {
            float[] positives = positives(7);
            float[] x = new float[positives.length];
            for (int i = 0; i < x.length; i++) {
                // a special in about one lane in five, in every lane position
                x[i] = random.nextInt(5) == 0 ? specials[random.nextInt(specials.length)] : positives[i];
            }
            for (KernelProvider provider : Providers.all()) {
                for (int[] range : new int[][] {{0, x.length}, {3, x.length - 10}, {1, 7}, {5, 17}, {2, 0}}) {
                    int from = range[0];
                    int n = range[1];
                    float[] out = new float[n + 4];
                    provider.vectorOps().generalPowers(x, from, out, 3, n, p);
                    for (int i = 0; i < n; i++) {
                        assertThat(Float.floatToRawIntBits(out[3 + i])).as("%s: %s^%s", provider.name(), x[from + i], p)
                                .isEqualTo(Float.floatToRawIntBits(GeneralPowers.of(x[from + i], p)));
                    }
                    assertThat(out[0]).isEqualTo(0f);
                    assertThat(out[n + 3]).isEqualTo(0f);
                }
            }
        }
    }
}
