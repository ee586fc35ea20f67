package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.KernelProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * stem256: {@link PanamaStemColumns}' 4-channel blocks and its 2-channel blocks (8 lanes' blocks, run here at any lane
 * count) against an fma chain over the taps in order: channel counts that fill no block, one block and many, runs of
 * one vector to many (the 6-, 2- and 1-vector blocks, overlapping last blocks), into a band and into rows cut at a
 * pitch (masked stores: JDK 18+); nothing outside the outputs is written.
 */
class PanamaStemColumnsTest {
    @TestFactory
    List<DynamicTest> blocksMatchAnFmaChain() {
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean narrow : new boolean[] {true, false}) {
            for (int channels : new int[] {1, 2, 3, 5, 64}) {
                for (int n : new int[] {8, 19, 56, 100, 131, 400}) { // in units of 8 lanes: a vector, ragged, many
                    for (boolean rows : new boolean[] {false, true}) {
                        boolean nw = narrow;
                        int ch = channels;
                        int vectors = n;
                        tests.add(DynamicTest.dynamicTest((narrow ? "2" : "4") + "-channel blocks, " + ch
                                + " channels, " + n + " columns, " + (rows ? "rows" : "band"), () -> {
                            assumeTrue(KernelProvider.panama() != null, "the Vector API module is absent");
                            assumeTrue(!rows || PanamaVectorOps.MASKED_ACCESS_COMPILED, "masked stores: JDK 18+");
                            run(nw, ch, vectors * PanamaVectorOps.LANES / 8, rows);
                        }));
                    }
                }
            }
        }
        return tests;
    }

    private static void run(boolean narrow, int channels, int n, boolean rows) {
        int lanes = PanamaVectorOps.LANES;
        Random r = new Random(97L * channels + n + (narrow ? 1 : 0));
        int taps = 21;
        int[] tapStarts = new int[taps];
        for (int k = 0; k < taps; k++) {
            tapStarts[k] = r.nextInt(40); // odd and even offsets, as the phase planes' taps
        }
        float[] x = random(r, 40 + n + 3);
        int wStride = taps + 2;
        int wo = 1;
        float[] w = random(r, wo + channels * wStride);
        int pitch = Math.max(lanes + 3, n / 3 + 2);
        int rowWidth = pitch - 3;
        int oo = 5;
        int plane = rows ? (n / pitch + 1) * rowWidth : n;
        int outStride = plane + 4;
        float[] out = new float[oo + channels * outStride];
        Arrays.fill(out, Float.NaN);
        float[] expected = out.clone();
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < n; p++) {
                if (rows && p % pitch >= rowWidth) {
                    continue;
                }
                float sum = 0f;
                for (int k = 0; k < taps; k++) {
                    sum = Math.fma(x[tapStarts[k] + p], w[wo + c * wStride + k], sum);
                }
                expected[oo + c * outStride + (rows ? p / pitch * rowWidth + p % pitch : p)] = sum;
            }
        }
        if (rows) {
            PanamaStemColumns.correlateRows(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n, pitch,
                    rowWidth, new float[PanamaStemColumns.ROWS_TILE], narrow);
        } else {
            PanamaStemColumns.correlate(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n, narrow);
        }
        assertThat(out).containsExactly(expected);
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
