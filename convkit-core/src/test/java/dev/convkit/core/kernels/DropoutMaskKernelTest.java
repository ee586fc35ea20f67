package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dropout's mask kernel (tr51) on every provider against the loop it stands for, a {@link SplittableRandom} drawn in
 * order, two elements a draw (high bits first), dropped when below the threshold: the same mask and output bit for
 * bit, for lengths around the vector widths (the scalar tail, odd lengths), starts inside the arrays, thresholds at
 * the unsigned comparison's edges (0x7FFFFFFF / 0x80000000, 2^32 − 1, 2^32) and inputs that are NaN, ±0 and infinite.
 */
class DropoutMaskKernelTest {
    private static final int[] LENGTHS = {0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 1000, 4099};
    private static final int[] STARTS = {0, 1, 6};
    private static final long[] THRESHOLDS = {1, 1L << 30, 0x7FFFFFFFL, 0x80000000L, 0x80000001L, (long) Math.ceil(0.75 * 0x1p32),
            0xFFFFFFFFL, 1L << 32};

    @Test
    void theMaskIsSplittableRandomsDrawsInOrderOnEveryProvider() {
        int size = 4099 + 6;
        float[] x = new float[size];
        SplittableRandom values = new SplittableRandom(7);
        for (int i = 0; i < size; i++) {
            x[i] = (float) (values.nextDouble() * 4 - 2);
        }
        x[3] = Float.NaN;
        x[20] = -0f;
        x[37] = Float.POSITIVE_INFINITY;
        x[41] = Float.NEGATIVE_INFINITY;
        long seed = 0x1234_5678_9ABC_DEF0L;
        for (KernelProvider provider : Providers.all()) {
            for (long threshold : THRESHOLDS) {
                float keep = threshold == 1L << 32 ? 0f : (float) (1 / (1 - threshold * 0x1p-32));
                for (int length : LENGTHS) {
                    for (int from : STARTS) {
                        int to = from + length;
                        int written = to + 3; // and nothing past to
                        float[] mask = new float[written];
                        float[] out = new float[written];
                        provider.vectorOps().dropoutMask(x, mask, out, from, to, seed + length, threshold, keep);
                        float[] expectedMask = new float[written];
                        float[] expectedOut = new float[written];
                        SplittableRandom draws = new SplittableRandom(seed + length);
                        for (int i = from; i < to; i += 2) {
                            long bits = draws.nextLong();
                            expectedMask[i] = (bits >>> 32) < threshold ? 0f : keep;
                            expectedOut[i] = x[i] * expectedMask[i];
                            if (i + 1 < to) {
                                expectedMask[i + 1] = (bits & 0xFFFFFFFFL) < threshold ? 0f : keep;
                                expectedOut[i + 1] = x[i + 1] * expectedMask[i + 1];
                            }
                        }
                        String what = provider.name() + " threshold " + threshold + " [" + from + ", " + to + ")";
                        assertThat(bits(mask)).as(what + " mask").containsExactly(bits(expectedMask));
                        assertThat(bits(out)).as(what + " out").containsExactly(bits(expectedOut));
                    }
                }
            }
        }
    }

    @Test
    void theDrawsAreSplittableRandomsInOrder() {
        for (long seed : new long[] {0, -1, 42, 0x9e3779b97f4a7c15L}) {
            SplittableRandom random = new SplittableRandom(seed);
            for (long d = 1; d <= 100; d++) {
                assertThat(VectorOps.splitMixDraw(seed, d)).isEqualTo(random.nextLong());
            }
        }
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
