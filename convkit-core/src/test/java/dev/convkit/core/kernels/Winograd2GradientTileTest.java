package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weight gradient's response transform (F(2×2, 3×3)'s U = A·dy·Aᵀ) on every provider, bit for bit against the
 * scalar lane {@link VectorOps#winograd2GradientTileAt}: lengths around the vector widths, 7 and 5 tiles of 8 channels
 * (56 and 40 positions: wgw56's tail as one vector ending at n), nothing written outside the n positions of the 16 points.
 */
class Winograd2GradientTileTest {
    @Test
    void writesTheScalarLanesBitsAndNothingElse() {
        SplittableRandom random = new SplittableRandom(11);
        for (KernelProvider provider : Providers.all()) {
            for (int n : new int[] {1, 8, 15, 16, 17, 24, 31, 32, 40, 48, 56, 63, 64, 72, 120}) {
                int half = n + 3;
                float[] in = new float[4 * half + 2];
                for (int i = 0; i < in.length; i++) {
                    in[i] = (float) random.nextDouble(-5, 5);
                }
                int x00 = 1;
                int x01 = x00 + half;
                int x10 = x01 + half;
                int x11 = x10 + half;
                int outStep = n + 5;
                int o = 3;
                float[] out = new float[o + 16 * outStep];
                Arrays.fill(out, Float.NaN);
                provider.vectorOps().winograd2GradientTile(in, x00, x01, x10, x11, out, o, outStep, n);
                float[] expected = new float[out.length];
                Arrays.fill(expected, Float.NaN);
                for (int i = 0; i < n; i++) {
                    VectorOps.winograd2GradientTileAt(in, x00 + i, x01 + i, x10 + i, x11 + i, expected, o + i, outStep);
                }
                assertThat(out).as(provider.name() + " n=" + n).containsExactly(expected);
            }
        }
    }
}
