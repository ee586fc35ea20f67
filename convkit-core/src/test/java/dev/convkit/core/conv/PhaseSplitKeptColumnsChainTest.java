package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ScalarMicroKernel;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * s2f61: the 3×3 stride-2 forward on kept columns (from rows of nr/2 - 1: 15 on 32-wide strips, 7 on 16-wide; the rule
 * is asserted on every provider) sums each response element as one chain a reduction block, whatever kernel a tile
 * runs (the packing tile, {@code multiply} storing or accumulating, the half-width last strip): bit for bit a model of
 * those chains, at one and two threads. With the Vector API a block's chain is fused multiply-adds from +0 in reduction
 * order, then added to the sum so far; the scalar kernel adds each rounded product to C in reduction order.
 */
class PhaseSplitKeptColumnsChainTest {
    @Test
    void keptColumnsSumOneChainABlock() {
        ConvGeometry[] shapes = {
                PhaseSplitConvTest.geometry(1, 64, 24, 33, 33, 1, 1, 1, 1), // 17², 289 = 9 · 32 + 1; k 576, 3 blocks
                PhaseSplitConvTest.geometry(2, 40, 16, 35, 35, 1, 1, 1, 1), // 18², 324 = 10 · 32 + 4; k 360, 2 blocks
                PhaseSplitConvTest.geometry(1, 72, 20, 34, 34, 0, 0, 0, 0), // 16², whole strips; 20 channels of 24
                PhaseSplitConvTest.geometry(1, 48, 32, 29, 29, 1, 1, 1, 1), // 15², 225 = 7 · 32 + 1; k 432, 2 blocks
                PhaseSplitConvTest.geometry(2, 32, 16, 13, 13, 1, 1, 1, 1), // 7²: kept on 16-wide strips only
        };
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                PhaseSplitConv phases = new PhaseSplitConv(provider.microKernel(), provider.vectorOps());
                boolean fused = !(provider.microKernel() instanceof ScalarMicroKernel);
                int nr = provider.microKernel().nr();
                for (ConvGeometry g : shapes) {
                    boolean kept = g.response()[2] >= nr / 2 - 1; // s2f61's rule: 3×3 rows from nr/2 - 1 keep their columns
                    assertThat(phases.dropsColumns(g)).as(provider.name() + " " + g + " drops columns").isEqualTo(!kept);
                    if (!kept) {
                        continue; // 7-wide rows on 32-wide strips: ChannelBlockConv's direct kernel
                    }
                    Random r = new Random(g.imageSize() + 61);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] expected = chains(g, image, weight, fused);
                    for (int threads = 1; threads <= 2; threads++) {
                        Parallel.setThreads(threads);
                        assertThat(phases.correlate(g, image, weight)).as(provider.name() + " " + g + " threads " + threads)
                                .containsExactly(expected);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Each response element's sum over {@link FastConv#KC}-blocks of reduction index (ci·3 + i)·3 + j, as the kernels chain it. */
    private static float[] chains(ConvGeometry g, float[] image, float[] weight, boolean fused) {
        int cin = g.imageChannels();
        int m = g.responseChannels();
        int h = g.image()[1];
        int w = g.image()[2];
        int oh = g.response()[1];
        int ow = g.response()[2];
        int pt = g.padLeft()[1];
        int pl = g.padLeft()[2];
        int k = cin * 9;
        int blocks = (k + FastConv.KC - 1) / FastConv.KC;
        float[] out = new float[g.responseSize()];
        for (int n = 0; n < g.batch(); n++) {
            for (int co = 0; co < m; co++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        float sum = 0f;
                        for (int blk = 0; blk < blocks; blk++) {
                            float chain = 0f;
                            for (int kk = blk * k / blocks; kk < (blk + 1) * k / blocks; kk++) {
                                int ci = kk / 9;
                                int iy = 2 * y + kk % 9 / 3 - pt;
                                int ix = 2 * x + kk % 3 - pl;
                                float v = iy >= 0 && iy < h && ix >= 0 && ix < w ? image[((n * cin + ci) * h + iy) * w + ix] : 0f;
                                float a = weight[co * k + kk];
                                if (fused) {
                                    chain = Math.fma(a, v, chain);
                                } else {
                                    sum += a * v;
                                }
                            }
                            if (fused) {
                                sum = blk == 0 ? chain : chain + sum;
                            }
                        }
                        out[((n * m + co) * oh + y) * ow + x] = sum;
                    }
                }
            }
        }
        return out;
    }
}
