package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weight gradient's gathered column transform (wino10) on every provider against Bᵀ's rows written out: lane
 * counts around the vector widths (tails), lanes marked not valid, every subset of the four rows, an offset into
 * the index and the output. Lanes not valid and rows not set read as zero; nothing else is written.
 */
class Winograd2GatherColumnsTest {
    @Test
    void transformsTheGatheredRowsOfEveryValidLane() {
        SplittableRandom random = new SplittableRandom(5);
        int rowStep = 37;
        float[] in = new float[4 * rowStep + 300];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) random.nextDouble(-5, 5);
        }
        int k = 3;
        int base = 11;
        for (KernelProvider provider : Providers.all()) {
            for (int n : new int[] {1, 7, 15, 16, 17, 31, 32, 33, 64}) {
                int[] index = new int[k + n];
                boolean[] valid = new boolean[k + n];
                for (int i = 0; i < k + n; i++) {
                    index[i] = random.nextInt(300);
                    valid[i] = random.nextInt(5) != 0;
                }
                for (int rows = 0; rows < 16; rows++) {
                    int outStep = n + 5;
                    int o = 2;
                    float[] out = new float[o + 4 * outStep];
                    Arrays.fill(out, Float.NaN);
                    provider.vectorOps().winograd2GatherColumns(in, base, rowStep, rows, index, valid, k, out, o, outStep, n);
                    float[] expected = new float[out.length];
                    Arrays.fill(expected, Float.NaN);
                    for (int i = 0; i < n; i++) {
                        float[] d = new float[4];
                        for (int r = 0; r < 4; r++) {
                            d[r] = valid[k + i] && (rows >> r & 1) != 0 ? in[base + index[k + i] + r * rowStep] : 0f;
                        }
                        expected[o + i] = d[0] - d[2];
                        expected[o + outStep + i] = d[1] + d[2];
                        expected[o + 2 * outStep + i] = d[2] - d[1];
                        expected[o + 3 * outStep + i] = d[1] - d[3];
                    }
                    assertThat(out).as(provider.name() + " n=" + n + " rows=" + rows).containsExactly(expected);
                }
            }
        }
    }
}
