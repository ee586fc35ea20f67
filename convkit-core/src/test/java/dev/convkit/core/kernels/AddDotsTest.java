package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link VectorOps#addDots} (the depthwise weight gradient's taps) on every provider: each tap's sum is the
 * provider's own {@link VectorOps#dot}, bit for bit, added to its slot in tap order, and close to the dot in
 * double; tap counts around the groups of three, lengths around the vector widths (the tails), offsets.
 */
class AddDotsTest {
    @Test
    void eachTapAddsTheSameFloatAsDot() {
        SplittableRandom random = new SplittableRandom(5);
        float[] y = new float[1200];
        float[] x = new float[1400];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextDouble(-2, 2);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 3);
        }
        int[] offsets = {0, 1, 2, 60, 61, 62, 120, 121, 122, 7, 33, 5};
        int[] lengths = {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 97, 196, 1000};
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            for (int count = 0; count <= 10; count++) {
                for (int n : lengths) {
                    for (int[] at : new int[][] {{0, 0, 0}, {3, 11, 1}, {17, 2, 2}}) {
                        int yo = at[0];
                        int xo = at[1];
                        int from = at[2];
                        double[] sums = new double[count + 2];
                        for (int t = 0; t < sums.length; t++) {
                            sums[t] = t * 0.5;
                        }
                        ops.addDots(y, yo, x, xo, offsets, from, count, n, sums, 1);
                        String what = provider.name() + " count=" + count + " n=" + n + " at " + yo + "," + xo + "," + from;
                        assertThat(sums[0]).as(what + ": writes only its slots").isEqualTo(0.0);
                        assertThat(sums[count + 1]).as(what + ": writes only its slots").isEqualTo((count + 1) * 0.5);
                        for (int t = 0; t < count; t++) {
                            int xt = xo + offsets[from + t];
                            assertThat(sums[t + 1]).as(what + " tap " + t)
                                    .isEqualTo((t + 1) * 0.5 + ops.dot(y, yo, x, xt, n));
                            double exact = 0;
                            double magnitude = 0;
                            for (int i = 0; i < n; i++) {
                                exact += (double) y[yo + i] * x[xt + i];
                                magnitude += Math.abs((double) y[yo + i] * x[xt + i]);
                            }
                            assertThat(sums[t + 1] - (t + 1) * 0.5).as(what + " tap " + t + " in double")
                                    .isCloseTo(exact, within(1e-6 * magnitude + 1e-7));
                        }
                    }
                }
            }
        }
    }
}
