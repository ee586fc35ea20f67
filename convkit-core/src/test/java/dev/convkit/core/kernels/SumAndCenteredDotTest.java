package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Batch norm's one-pass plane sums on every provider against the same sums in double: lengths around
 * the vector widths (the tails), offsets into both arrays, and a shift that is not zero.
 */
class SumAndCenteredDotTest {
    @Test
    void matchesTheSumsInDouble() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[2100];
        float[] y = new float[2100];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
            y[i] = (float) random.nextDouble(-1, 3);
        }
        int[] lengths = {0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 196, 784, 1000};
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            for (int n : lengths) {
                for (int[] offsets : new int[][] {{0, 0}, {5, 11}, {13, 2}}) {
                    int xo = offsets[0];
                    int yo = offsets[1];
                    float shift = 0.75f;
                    double sum = 0;
                    double dot = 0;
                    double magnitude = 0;
                    for (int i = 0; i < n; i++) {
                        sum += x[xo + i];
                        double term = (double) x[xo + i] * ((double) y[yo + i] - shift);
                        dot += term;
                        magnitude += Math.abs(term) + Math.abs(x[xo + i]);
                    }
                    float[] out = {Float.NaN, Float.NaN, Float.NaN, 42f};
                    ops.sumAndCenteredDot(x, xo, y, yo, shift, n, out, 1);
                    String what = provider.name() + " n=" + n + " offsets " + xo + "," + yo;
                    double tolerance = 1e-6 * magnitude + 1e-7;
                    assertThat((double) out[1]).as(what + " sum").isCloseTo(sum, within(tolerance));
                    assertThat((double) out[2]).as(what + " centered dot").isCloseTo(dot, within(tolerance));
                    assertThat(out[0]).as(what + ": writes only its two slots").isNaN();
                    assertThat(out[3]).isEqualTo(42f);
                }
            }
        }
    }

    @Test
    void theSquaresOfAPlaneWithShiftZero() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        for (KernelProvider provider : Providers.all()) {
            float[] out = new float[2];
            provider.vectorOps().sumAndCenteredDot(x, 0, x, 0, 0f, x.length, out, 0);
            assertThat(out).as(provider.name()).containsExactly(210f, 2870f); // exact in float: small integers
        }
    }
}
