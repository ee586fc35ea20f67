package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strided Winograd forward's short output runs (s2f30), on every provider against the definition: pair counts
 * around the half-vector and vector widths (the overlapping half-vector stores and the scalar fallback under half a
 * vector), offsets into both sources and the destination, inputs ending at the array's end (the fallback where a
 * vector would read past it). Writes land exactly on the 2n floats and nowhere else.
 */
class Interleave2ShortTest {
    @Test
    void writesTheInterleavedPairsAndNothingElse() {
        SplittableRandom random = new SplittableRandom(30);
        for (KernelProvider provider : Providers.all()) {
            for (int n = 0; n <= 40; n++) {
                for (int slack : new int[] {0, 3, 16}) {
                    int eo = 5;
                    int oo = eo + n + 2;
                    float[] z = new float[oo + n + slack];
                    for (int i = 0; i < z.length; i++) {
                        z[i] = (float) random.nextDouble(-5, 5);
                    }
                    int dOff = 9;
                    float[] out = new float[dOff + 2 * n + 20];
                    Arrays.fill(out, Float.NaN);
                    provider.vectorOps().interleave2Short(z, eo, z, oo, out, dOff, n);
                    float[] expected = new float[out.length];
                    Arrays.fill(expected, Float.NaN);
                    for (int k = 0; k < n; k++) {
                        expected[dOff + 2 * k] = z[eo + k];
                        expected[dOff + 2 * k + 1] = z[oo + k];
                    }
                    assertThat(out).as("%s n=%d slack=%d", provider, n, slack).containsExactly(expected);
                }
            }
        }
    }
}
