package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Winograd F(2×2, 3×3) weight gradient against the reference loops, for the scalar and the Vector API
 * micro-kernels, on geometries that reach it: odd sizes, one image, groups, no padding, wide and
 * asymmetric padding, several reduction blocks, a row of tiles longer than a block; the same bits at one
 * to three threads and on repeated calls; and the adjoint identity of the weight gradient.
 */
class WinogradWeightGradientTest {
    private static ConvGeometry geometry(int batch, int groups, int cin, int cout, int h, int w, int pad) {
        return new ConvGeometry(batch, groups, cin, cout, new int[] {1, h, w}, new int[] {1, h + 2 * pad - 2, w + 2 * pad - 2},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, pad, pad});
    }

    static List<ConvGeometry> geometries() {
        return List.of(
                geometry(1, 1, 65, 67, 9, 7, 1),       // one image, odd sizes, channels past the strips
                geometry(3, 2, 140, 132, 6, 11, 0),    // groups, no padding, odd response width (9)
                geometry(2, 1, 80, 72, 13, 12, 2),     // wide padding: whole tiles in the padding
                geometry(2, 1, 66, 97, 20, 20, 1),     // two reduction blocks
                geometry(1, 1, 65, 65, 3, 260, 1),     // a row of 130 tiles, longer than a block
                geometry(3, 4, 128, 160, 15, 13, 1),   // 32 x 40 per group (the smallest that runs here), two reduction parts
                geometry(5, 1, 33, 32, 17, 19, 1),     // one channel past a strip, four reduction blocks in two parts
                geometry(2, 1, 40, 36, 12, 41, 1),     // rows of 41 columns: the vector column transform, odd width
                geometry(3, 1, 136, 130, 19, 19, 1),   // over 128 x 128 pairs: one part, blocks of 12, 12, 6 rows transformed once for all channel blocks
                geometry(16, 1, 40, 36, 9, 9, 1),      // wg60: 80 rows of 5 tiles in blocks of 20 (of 25, parts 50 / 30 rows)
                geometry(2, 1, 48, 44, 13, 13, 1),     // 7 tiles a row, the last column and row alone, 4 of 8 channels (the Panama kernel), gathered on a 2 MB L2
                new ConvGeometry(2, 1, 66, 70, new int[] {1, 10, 10}, new int[] {1, 9, 9}, new int[] {1, 3, 3},
                        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1})); // padding on the left only
    }

    private static List<KernelProvider> providers() {
        return Providers.all();
    }

    @TestFactory
    List<DynamicTest> matchesTheReferenceAtAnyThreadCountAndOnRepeatedCalls() {
        return referenceTests(providers(), geometries(), FastConvTest::assertClose);
    }

    /** How close a Winograd weight gradient must come to the reference loops'. */
    @FunctionalInterface
    interface Closeness {
        void check(String what, float[] fast, float[] reference);
    }

    /**
     * A test a provider and geometry (shared by the 3×3 and 5×5 Winograd weight gradients): the geometry takes the
     * Winograd path (or the lanes form where {@link GroupLaneWeightGradient#pays}); at one thread the gradient is close to the reference loops'; two and three threads and repeated
     * calls give the same bits.
     */
    static List<DynamicTest> referenceTests(List<KernelProvider> providers, List<ConvGeometry> geometries, Closeness closeness) {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers) {
            for (ConvGeometry g : geometries) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    // g32-30: grouped shapes of 16-64 channels a group take the lanes form on a 16-lane backend; the
                    // Winograd weight gradient is still checked on them, called directly
                    boolean lanes = new GroupLaneWeightGradient(provider.vectorOps()).pays(g);
                    assertThat(new ConvDispatch(provider, 0).path(g, ConvDispatch.Pass.WEIGHT_GRADIENT))
                            .isEqualTo(lanes ? ConvDispatch.Path.GEMM : ConvDispatch.Path.WINOGRAD);
                    WinogradConv fast = new WinogradConv(provider.microKernel(), provider.vectorOps());
                    Random r = new Random(g.imageChannels() * 31L + g.image()[2]);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] w1 = fast.weightGradient(g, image, response);
                        closeness.check(provider.name() + " weightGradient " + g, w1,
                                ReferenceConv.weightGradient(g, image, response));
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.weightGradient(g, image, response)).as("%d threads", threads).isEqualTo(w1);
                        }
                        Parallel.setThreads(1);
                        for (int call = 0; call < 2; call++) {
                            assertThat(fast.weightGradient(g, image, response)).as("call %d", call).isEqualTo(w1);
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * The weight gradient is the adjoint of the correlation in the weights: for any direction v,
     * {@code <dW(x, dy), v> = <dy, correlate(x, v)>}, both sides summed in double.
     */
    @Test
    void isTheAdjointOfTheCorrelationInTheWeights() {
        ConvGeometry g = geometry(2, 1, 72, 68, 11, 9, 1);
        for (KernelProvider provider : providers()) {
            ConvDispatch fast = new ConvDispatch(provider, 0);
            assertThat(fast.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.WINOGRAD);
            Random r = new Random(7);
            float[] image = GradientChecker.random(r, g.imageSize()).data();
            float[] response = GradientChecker.random(r, g.responseSize()).data();
            float[] direction = GradientChecker.random(r, g.weightSize()).data();
            float[] dw = fast.weightGradient(g, image, response);
            float[] y = ReferenceConv.correlate(g, image, direction);
            double left = 0;
            double scale = 0;
            for (int i = 0; i < dw.length; i++) {
                left += (double) dw[i] * direction[i];
                scale += Math.abs((double) dw[i] * direction[i]);
            }
            double right = 0;
            for (int i = 0; i < y.length; i++) {
                right += (double) response[i] * y[i];
            }
            assertThat(Math.abs(left - right)).as(provider.name()).isLessThan(1e-5 * scale);
        }
    }

    /**
     * sbw57: the large-L2 host's response band by one lane gather gives the bits of the element copy (the smaller L2's),
     * at one and two threads, on rows with and without a last odd column, a last strip of few channels and a last row alone.
     */
    @Test
    void theGatheredResponseBandHasTheBitsOfTheElementCopy() {
        List<ConvGeometry> shapes = List.of(geometry(2, 1, 48, 44, 13, 13, 1), geometry(1, 1, 65, 67, 9, 7, 1),
                geometry(3, 1, 40, 36, 12, 12, 1), geometry(3, 2, 140, 132, 6, 11, 0));
        for (KernelProvider provider : providers()) {
            WinogradConv gathers = new WinogradConv(provider.microKernel(), provider.vectorOps(),
                    provider.vectorOps().interleave4Parts(), WinogradConv.LARGE_L2_BYTES);
            WinogradConv copies = new WinogradConv(provider.microKernel(), provider.vectorOps(),
                    provider.vectorOps().interleave4Parts(), WinogradConv.LARGE_L2_BYTES / 2);
            for (ConvGeometry g : shapes) {
                Random r = new Random(g.image()[2]);
                float[] image = GradientChecker.random(r, g.imageSize()).data();
                float[] response = GradientChecker.random(r, g.responseSize()).data();
                int before = Parallel.threads();
                try {
                    for (int threads = 1; threads <= 2; threads++) {
                        Parallel.setThreads(threads);
                        assertThat(gathers.weightGradient(g, image, response)).as("%s %s %d threads", provider.name(), g, threads)
                                .isEqualTo(copies.weightGradient(g, image, response));
                    }
                } finally {
                    Parallel.setThreads(before);
                }
            }
        }
    }

    /**
     * wg59: with the image channels in the MR strips and the response's in the NR strips (the sides swapped, on a
     * large-L2 host), the bits of the other way round (a smaller L2's, which never swaps) at one to three threads, and
     * close to the reference loops: an odd plane, groups, no padding, wide padding, five reduction blocks in two parts,
     * the last image strip part full. The 4 × 16 (scalar) and 8 × 32 (512-bit) tiles swap on all of them; other tiles
     * (8 × 16 on 256-bit vectors) keep fewer tiles the usual way round, so there the shapes only must not break.
     */
    @Test
    void swappedSidesHaveTheBitsOfTheOtherWayRound() {
        List<ConvGeometry> shapes = List.of(geometry(2, 1, 34, 96, 13, 13, 1), geometry(3, 2, 72, 128, 9, 9, 1),
                geometry(2, 1, 36, 96, 11, 9, 0), geometry(2, 1, 33, 64, 12, 12, 2), geometry(24, 1, 36, 64, 10, 10, 1));
        for (KernelProvider provider : providers()) {
            WinogradWeightGradient probe = new WinogradWeightGradient(provider.microKernel(), provider.vectorOps(), true);
            // planes wider than 16 and channel counts that would keep most tiles stay the way round they were
            assertThat(probe.swapsSides(geometry(2, 1, 36, 64, 17, 17, 1))).as(provider.name()).isFalse();
            assertThat(probe.swapsSides(geometry(2, 1, 64, 64, 12, 12, 1))).as(provider.name()).isFalse();
            WinogradConv swaps = new WinogradConv(provider.microKernel(), provider.vectorOps(),
                    provider.vectorOps().interleave4Parts(), WinogradConv.LARGE_L2_BYTES);
            WinogradConv keeps = new WinogradConv(provider.microKernel(), provider.vectorOps(),
                    provider.vectorOps().interleave4Parts(), WinogradConv.LARGE_L2_BYTES / 2);
            boolean quarterTiles = provider.microKernel().nr() == 4 * provider.microKernel().mr();
            for (ConvGeometry g : shapes) {
                if (quarterTiles) {
                    assertThat(probe.swapsSides(g)).as("%s %s swaps", provider.name(), g).isTrue();
                }
                assertThat(new WinogradWeightGradient(provider.microKernel(), provider.vectorOps(), false).swapsSides(g))
                        .as("%s %s swaps on a smaller L2", provider.name(), g).isFalse();
                Random r = new Random(g.imageChannels() + g.image()[2]);
                float[] image = GradientChecker.random(r, g.imageSize()).data();
                float[] response = GradientChecker.random(r, g.responseSize()).data();
                int before = Parallel.threads();
                try {
                    Parallel.setThreads(1);
                    float[] swapped = swaps.weightGradient(g, image, response);
                    FastConvTest.assertClose(provider.name() + " swapped " + g, swapped,
                            ReferenceConv.weightGradient(g, image, response));
                    for (int threads = 1; threads <= 3; threads++) {
                        Parallel.setThreads(threads);
                        assertThat(swaps.weightGradient(g, image, response)).as("%s %s %d threads", provider.name(), g, threads)
                                .isEqualTo(swapped);
                        assertThat(keeps.weightGradient(g, image, response)).as("%s %s %d threads, not swapped",
                                provider.name(), g, threads).isEqualTo(swapped);
                    }
                } finally {
                    Parallel.setThreads(before);
                }
            }
        }
    }

    /**
     * wg60: on small planes the reduction blocks even the two parts (each a thread's task at two threads) where blocks of
     * {@value WinogradWeightGradient#TILE_BLOCK} tiles would leave them more than the slack apart; elsewhere the blocks stay.
     */
    @Test
    void reductionBlocksEvenTheTwoPartsOnSmallPlanes() {
        // h55-c3-10: 120 rows of 5 tiles, blocks of 25 rows in parts of 50 / 70; of 20, 60 / 60
        assertThat(WinogradWeightGradient.tileBlock(geometry(24, 1, 48, 80, 10, 10, 1))).isEqualTo(20 * 5);
        assertThat(WinogradGradientPlan.largerPart(120, 20)).isEqualTo(60);
        // h59-c3-9: 80 rows, 50 / 30 -> 40 / 40
        assertThat(WinogradWeightGradient.tileBlock(geometry(16, 1, 64, 96, 9, 9, 1))).isEqualTo(20 * 5);
        // within the slack (h50-13: 108 / 116 rows), on a 17-wide plane (36 rows of 9 tiles in blocks of 14 would split
        // 14 / 22 and even to blocks of 9 rows without the side limit), over 128 x 128 pairs (one part): as they were
        assertThat(WinogradWeightGradient.tileBlock(geometry(32, 1, 48, 96, 13, 13, 1)))
                .isEqualTo(WinogradWeightGradient.TILE_BLOCK);
        assertThat(WinogradGradientPlan.evenedRows(36, 14, WinogradGradientPlan.PART_SLACK_PERCENT)).isEqualTo(9);
        assertThat(WinogradWeightGradient.tileBlock(geometry(4, 1, 48, 80, 17, 17, 1)))
                .isEqualTo(WinogradWeightGradient.TILE_BLOCK);
        assertThat(WinogradWeightGradient.tileBlock(geometry(24, 1, 136, 130, 10, 10, 1)))
                .isEqualTo(WinogradWeightGradient.TILE_BLOCK);
        WinogradGradientPlan plan = new WinogradGradientPlan(geometry(24, 1, 48, 80, 10, 10, 1), 2, 16,
                WinogradWeightGradient.tileBlock(geometry(24, 1, 48, 80, 10, 10, 1)), 8, 32);
        assertThat(plan.reductionBlocks).isEqualTo(6);
        assertThat(plan.parts).isEqualTo(2);
    }

    @Test
    void runsOnlyWhereItPaysAndNotWithWinogradOff() {
        KernelProvider provider = KernelProvider.scalar();
        ConvDispatch on = new ConvDispatch(provider, 0);
        ConvDispatch off = new ConvDispatch(provider, 0, false);
        ConvGeometry wide = geometry(2, 1, 128, 128, 14, 14, 1);
        assertThat(on.path(wide, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.WINOGRAD);
        assertThat(off.path(wide, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.GEMM);
        // from 32 channels per group on both sides (wgrad8: 1.1-1.5x faster than the exact paths from there)
        assertThat(on.path(geometry(2, 1, 64, 64, 14, 14, 1), ConvDispatch.Pass.WEIGHT_GRADIENT))
                .isEqualTo(ConvDispatch.Path.WINOGRAD);
        assertThat(on.path(geometry(2, 4, 128, 128, 14, 14, 1), ConvDispatch.Pass.WEIGHT_GRADIENT))
                .isEqualTo(ConvDispatch.Path.WINOGRAD);
        assertThat(on.path(geometry(2, 4, 124, 128, 14, 14, 1), ConvDispatch.Pass.WEIGHT_GRADIENT))
                .isEqualTo(ConvDispatch.Path.GEMM); // 31 image channels per group
        assertThat(on.path(geometry(2, 1, 64, 31, 14, 14, 1), ConvDispatch.Pass.WEIGHT_GRADIENT))
                .isEqualTo(ConvDispatch.Path.GEMM);
        ConvGeometry strided = new ConvGeometry(2, 1, 128, 128, new int[] {1, 14, 14}, new int[] {1, 7, 7},
                new int[] {1, 3, 3}, new int[] {1, 2, 2}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        // stride 2 is never Winograd's (s2conv9 gave 3x3 stride 2 its own phase-split weight gradient)
        assertThat(on.path(strided, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
        assertThat(off.path(strided, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
    }
}
