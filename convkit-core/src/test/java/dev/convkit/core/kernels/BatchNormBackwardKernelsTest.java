package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ReLU's backward and batch norm's backward passes (bn8) on every provider against reference loops: lengths
 * around the vector widths (the tails), offsets into every array, outputs that are zero, positive and NaN.
 */
class BatchNormBackwardKernelsTest {
    private static final int[] LENGTHS = {0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 196, 784, 1000};
    private static final int[][] OFFSETS = {{0, 0, 0}, {5, 11, 2}, {13, 2, 7}};

    private static float[] values(long seed, int n, double from, double to) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(from, to);
        }
        return v;
    }

    /** A ReLU output: about half zeros, the rest positive, a few NaN. */
    private static float[] reluOutput(long seed, int n) {
        float[] out = values(seed, n, -1, 1);
        for (int i = 0; i < n; i++) {
            out[i] = i % 37 == 5 ? Float.NaN : Math.max(out[i], 0f);
        }
        return out;
    }

    @Test
    void reluBackwardKeepsTheGradientWhereTheOutputIsPositiveOrNaN() {
        float[] out = reluOutput(1, 1100);
        float[] g = values(2, 1100, -3, 3);
        for (KernelProvider provider : Providers.all()) {
            for (int n : LENGTHS) {
                for (int[] o : OFFSETS) {
                    float[] actual = g.clone();
                    provider.vectorOps().reluBackward(out, o[0], actual, o[1], n);
                    float[] expected = g.clone();
                    for (int i = 0; i < n; i++) {
                        float y = out[o[0] + i];
                        expected[o[1] + i] = y > 0 || y != y ? g[o[1] + i] : 0f;
                    }
                    assertThat(actual).as(provider.name() + " n=" + n).containsExactly(expected);
                }
            }
        }
    }

    @Test
    void reluSumsAreTheSumsOfTheMaskedGradientBitForBit() {
        float[] out = reluOutput(3, 1100);
        float[] g = values(4, 1100, -3, 3);
        float[] x = values(5, 1100, -1, 2);
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            for (int n : LENGTHS) {
                for (int[] o : OFFSETS) {
                    float[] masked = g.clone();
                    ops.reluBackward(out, o[0], masked, o[1], n);
                    float[] expected = new float[2];
                    ops.sumAndCenteredDot(masked, o[1], x, o[2], 0.375f, n, expected, 0);
                    float[] actual = {Float.NaN, Float.NaN, Float.NaN, 42f};
                    ops.reluSumAndCenteredDot(g, o[1], out, o[0], x, o[2], 0.375f, n, actual, 1);
                    String what = provider.name() + " n=" + n + " offsets " + o[0] + "," + o[1] + "," + o[2];
                    assertThat(new float[] {actual[1], actual[2]}).as(what).containsExactly(expected);
                    assertThat(actual[0]).as(what + ": writes only its two slots").isNaN();
                    assertThat(actual[3]).isEqualTo(42f);
                }
            }
        }
    }

    @Test
    void inputGradientMatchesTheReferenceLoopOnEveryProviderBitForBit() {
        float[] out = reluOutput(6, 1100);
        float[] g = values(7, 1100, -3, 3);
        float[] x = values(8, 1100, -1, 2);
        float mean = 0.3f;
        float invStd = 1.7f;
        float k = -0.8f;
        float meanG = 0.05f;
        float meanGx = -0.12f;
        for (KernelProvider provider : Providers.all()) {
            for (boolean relu : new boolean[] {false, true}) {
                for (int n : LENGTHS) {
                    for (int[] o : OFFSETS) {
                        float[] expected = g.clone();
                        for (int i = 0; i < n; i++) {
                            float y = out[o[0] + i];
                            float gi = !relu || y > 0 || y != y ? g[o[1] + i] : 0f;
                            float h = (x[o[2] + i] - mean) * invStd;
                            expected[o[1] + i] = k * (gi - meanG - h * meanGx);
                        }
                        float[] actual = g.clone();
                        provider.vectorOps().batchNormInputGradient(actual, o[1], x, o[2], relu ? out : null, o[0], mean,
                                invStd, k, meanG, meanGx, n);
                        assertThat(actual).as(provider.name() + " relu=" + relu + " n=" + n).containsExactly(expected);
                    }
                }
            }
        }
    }
}
