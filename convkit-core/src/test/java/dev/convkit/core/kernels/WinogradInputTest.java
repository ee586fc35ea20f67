package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * F(4, 3)'s input transform along one axis ({@link VectorOps#winogradInput}) on every provider, bit for bit against
 * {@link VectorOps#winogradInputAt} position by position: runs shorter than a vector, of exactly one (the lengths
 * c2b53's reverted short-run paths would take), several vectors, and vector plus scalar tail, at odd offsets; nothing
 * written outside the six output runs.
 */
class WinogradInputTest {
    @Test
    void everyRunLengthGivesTheBitsOfThePositionByPositionTransform() {
        SplittableRandom random = new SplittableRandom(53);
        float[] in = new float[6 * 80 + 7];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) random.nextGaussian();
        }
        for (KernelProvider provider : Providers.all()) {
            for (int n : new int[] {1, 3, 4, 8, 15, 16, 17, 31, 32, 33, 48, 64, 67}) {
                int[] x = {5, 5 + 80, 3 + 160, 1 + 240, 2 + 320, 4 + 400};
                int o = 3;
                int step = n + 9;
                float[] out = new float[o + 6 * step + 5];
                Arrays.fill(out, Float.NaN);
                float[] expected = out.clone();
                provider.vectorOps().winogradInput(in, x[0], x[1], x[2], x[3], x[4], x[5], out, o, step, n);
                for (int i = 0; i < n; i++) {
                    VectorOps.winogradInputAt(in, x[0] + i, x[1] + i, x[2] + i, x[3] + i, x[4] + i, x[5] + i,
                            expected, o + i, step);
                }
                assertThat(out).as(provider.name() + " n=" + n).containsExactly(expected);
            }
        }
    }
}
