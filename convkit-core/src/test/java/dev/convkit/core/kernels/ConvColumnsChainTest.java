package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * first256: {@link VectorOps#convColumns}, {@link VectorOps#convColumnRows} and {@link VectorOps#convColumnsSix} on
 * the Vector API are, bit for bit, one fused multiply-add chain per output over the taps in order from zero, whatever
 * register blocks the host's lane count picks (8 lanes: 4-channel blocks and 6 × 2, not 8 × 2 and 6 × 3), and write
 * nothing outside their outputs; the scalar loops match the same sums within rounding. Channel counts around the
 * blocks (1-9, 12, 16, 20, 32, 33), widths from one vector to past three, overlapping last blocks, 1-3 rows.
 */
class ConvColumnsChainTest {
    private static final int[] CHANNELS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 20, 32, 33};

    @Test
    void everyOutputIsOneChainOverTheTaps() {
        SplittableRandom random = new SplittableRandom(256);
        for (KernelProvider provider : Providers.all()) {
            int lanes = Math.max(8, provider.vectorOps().channelLanes());
            for (int channels : CHANNELS) {
                for (int n : new int[] {lanes, lanes + 1, 2 * lanes - 1, 2 * lanes, 2 * lanes + 3, 3 * lanes,
                        3 * lanes + 1, 4 * lanes + 5, 57}) {
                    for (int rows = 1; rows <= 3; rows++) {
                        for (int kind = 0; kind < 3; kind++) {
                            if (kind == 2 && (rows > 1 || channels > 6)) {
                                continue; // convColumnsSix: one run of columns, at most 6 channels
                            }
                            check(provider, random, channels, n, rows, 5 + random.nextInt(24), kind);
                        }
                    }
                }
            }
        }
    }

    /** kind 0: convColumns over rows·pitch-apart runs one call each; 1: convColumnRows; 2: convColumnsSix. */
    private static void check(KernelProvider provider, SplittableRandom random, int channels, int n, int rows,
                              int taps, int kind) {
        int pitch = n + 3;
        int[] tapStarts = new int[taps];
        for (int k = 0; k < taps; k++) {
            tapStarts[k] = 2 + random.nextInt(40);
        }
        float[] x = new float[2 + 40 + rows * pitch + 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        int wStride = taps + 2;
        int wo = 1;
        float[] w = new float[wo + channels * wStride];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextDouble(-2, 2);
        }
        int oo = 5;
        int outStride = rows * n + 4;
        float[] out = new float[oo + channels * outStride + 4];
        Arrays.fill(out, Float.NaN);
        float[] expected = out.clone();
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < n; j++) {
                    float sum = 0f;
                    for (int k = 0; k < taps; k++) {
                        sum = Math.fma(x[tapStarts[k] + r * pitch + j], w[wo + c * wStride + k], sum);
                    }
                    expected[oo + c * outStride + r * n + j] = sum;
                }
            }
        }
        VectorOps ops = provider.vectorOps();
        if (kind == 1) {
            ops.convColumnRows(x, tapStarts, taps, pitch, rows, w, wo, wStride, channels, out, oo, outStride, n);
        } else {
            for (int r = 0; r < rows; r++) {
                int[] starts = tapStarts.clone();
                for (int k = 0; k < taps; k++) {
                    starts[k] += r * pitch;
                }
                if (kind == 2) {
                    ops.convColumnsSix(x, starts, taps, w, wo, wStride, channels, out, oo + r * n, outStride, n);
                } else {
                    ops.convColumns(x, starts, taps, w, wo, wStride, channels, out, oo + r * n, outStride, n);
                }
            }
        }
        String what = String.format("%s kind=%d channels=%d n=%d rows=%d taps=%d", provider, kind, channels, n, rows, taps);
        if (provider.vectorOps().channelLanes() > 1) {
            assertThat(out).as(what).containsExactly(expected);
        } else {
            for (int i = 0; i < out.length; i++) {
                if (Float.isNaN(expected[i])) {
                    assertThat(out[i]).as(what + " at " + i).isNaN();
                } else {
                    assertThat(out[i]).as(what + " at " + i).isCloseTo(expected[i], within(1e-4f));
                }
            }
        }
    }
}
