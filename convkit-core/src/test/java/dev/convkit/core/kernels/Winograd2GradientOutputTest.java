package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The F(2×2, 3×3) weight gradient's output transform (grp18) on every provider: {@code Gᵀ·M·G} of each pair's
 * summed points against the matrix product in double, lane counts around the vector widths (tails), one to three
 * parts, offsets into both arrays; every provider's bits equal the scalar loop's, and nothing past the n pairs'
 * nine weights is written.
 */
class Winograd2GradientOutputTest {
    private static final double[][] GT = {{1, 1, 1, 0}, {0, 1, -1, 0}, {0, 1, 1, 1}};

    @Test
    void transformsEveryPairsSummedPoints() {
        SplittableRandom random = new SplittableRandom(18);
        int pointStep = 70;
        int partStep = 16 * pointStep + 3;
        float[] in = new float[3 * partStep + 100];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) random.nextDouble(-5, 5);
        }
        int at = 5;
        int o = 4;
        for (int parts = 1; parts <= 3; parts++) {
            for (int n : new int[] {1, 7, 15, 16, 17, 31, 32, 33, 64}) {
                float[] scalar = null;
                for (KernelProvider provider : Providers.all()) {
                    float[] out = new float[o + 9 * n + 9];
                    Arrays.fill(out, Float.NaN);
                    provider.vectorOps().winograd2GradientOutput(in, at, pointStep, partStep, parts, out, o, n);
                    String as = provider.name() + " parts=" + parts + " n=" + n;
                    for (int i = 0; i < n; i++) {
                        double[][] m = new double[4][4];
                        for (int t = 0; t < 16; t++) {
                            for (int part = 0; part < parts; part++) {
                                m[t / 4][t % 4] += in[at + part * partStep + t * pointStep + i];
                            }
                        }
                        for (int u = 0; u < 3; u++) {
                            for (int v = 0; v < 3; v++) {
                                double w = 0;
                                for (int p = 0; p < 4; p++) {
                                    for (int q = 0; q < 4; q++) {
                                        w += GT[u][p] * m[p][q] * GT[v][q];
                                    }
                                }
                                assertThat((double) out[o + 9 * i + 3 * u + v]).as(as + " pair " + i).isCloseTo(w, within(1e-4));
                            }
                        }
                    }
                    for (int j = 0; j < out.length; j++) {
                        if (j < o || j >= o + 9 * n) {
                            assertThat(out[j]).as(as + " untouched " + j).isNaN();
                        }
                    }
                    if (scalar == null) {
                        scalar = new float[out.length];
                        Arrays.fill(scalar, Float.NaN);
                        VectorOps.SCALAR.winograd2GradientOutput(in, at, pointStep, partStep, parts, scalar, o, n);
                    }
                    assertThat(out).as(as + " bits of the scalar loop").containsExactly(scalar);
                }
            }
        }
    }
}
