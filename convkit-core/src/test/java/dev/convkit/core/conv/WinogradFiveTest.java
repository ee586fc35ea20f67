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
 * 5×5 stride-1 correlations by Winograd's F(2×2, 5×5) (small9) and F(3×3, 5×5) (five13) against the double-precision reference loops, on
 * every provider: odd sizes, ragged last tiles, padding 0 to 3, batch 1 to 3, one to three groups, channel counts
 * that are not multiples of the micro-kernel's tile; the input gradient through the flipped correlation; bitwise
 * equality across thread counts; and the error at the longest reduction the dispatch sends here, which must stay
 * within half the conformance tolerance for F(2×2) and within three quarters of it for F(3×3).
 */
class WinogradFiveTest {
    private static ConvGeometry geometry(Random r, int minChannels, int spread) {
        int pad0 = r.nextInt(4);
        int pad1 = r.nextInt(4);
        int h = Math.max(1, 5 - 2 * pad0) + r.nextInt(24);
        int w = Math.max(1, 5 - 2 * pad1) + r.nextInt(24);
        int[] response = {1, h + 2 * pad0 - 4, w + 2 * pad1 - 4};
        int groups = r.nextInt(4) < 3 ? 1 : 2 + r.nextInt(2);
        int cin = groups * (minChannels + r.nextInt(spread));
        int cout = groups * (WinogradConv.MIN_CHANNELS + r.nextInt(40));
        // enough images for the tile minimum, forward and flipped
        int fewest = Math.min((response[1] + 1) / 2 * ((response[2] + 1) / 2), (h + 1) / 2 * ((w + 1) / 2));
        int batch = Math.max(1 + r.nextInt(3), (WinogradConv.MIN_TILES_25 + fewest - 1) / fewest);
        return new ConvGeometry(batch, groups, cin, cout, new int[] {1, h, w}, response, new int[] {1, 5, 5},
                new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, pad0, pad1});
    }

    @TestFactory
    List<DynamicTest> forwardAndInputGradientMatchTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            FastConv lanes = new FastConv(provider.microKernel(), provider.vectorOps());
            for (int seed = 0; seed < 30; seed++) {
                int s = seed;
                tests.add(DynamicTest.dynamicTest(provider.name() + " #" + seed, () -> {
                    Random r = new Random(900 + s);
                    ConvGeometry g = geometry(r, WinogradConv.MIN_CHANNELS, 50);
                    assertThat(WinogradConv.tile(g)).isIn(WinogradConv.Tile.F25, WinogradConv.Tile.F35);
                    // grp28: 16 response channels a group run the direct lanes kernel first
                    assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(lanes.groupLanesPay(g)
                            ? ConvDispatch.Path.GEMM : ConvDispatch.Path.WINOGRAD);
                    ConvGeometry flipped = ConvDispatch.flipped(g);
                    if (flipped != null) {
                        assertThat(dispatch.path(flipped, ConvDispatch.Pass.CORRELATE)).isEqualTo(
                                lanes.groupLanesPay(flipped) ? ConvDispatch.Path.GEMM : ConvDispatch.Path.WINOGRAD);
                    }
                    WinogradConvTest.forwardAndInputGradientWithinTolerance(dispatch, g, r, bound(g));
                }));
            }
        }
        return tests;
    }

    /** The error bound of g's forward and input gradient: F(3×3, 5×5)'s where either pass runs it, else F(2×2)'s. */
    static double bound(ConvGeometry g) {
        ConvGeometry flipped = ConvDispatch.flipped(g);
        boolean three = WinogradConv.tile(g) == WinogradConv.Tile.F35
                || flipped != null && WinogradConv.tile(flipped) == WinogradConv.Tile.F35;
        return three ? 0.75 : 0.5;
    }

    /**
     * five11: the input transform by image rows ({@link WinogradFiveInput}) on rows of tiles longer than its vector
     * rounding (23 and 35 tiles), one-sided and wide padding, a one-column image (one tile per row), images narrower
     * than a strip (strips and runs across images), forward and input gradient.
     */
    @TestFactory
    List<DynamicTest> rowsOfTilesOfEveryLengthMatchTheReference() {
        int[][] shapes = { // batch, cin, h, w, cout, pad h, pad w
            {3, 40, 9, 45, 33, 1, 4}, {2, 64, 5, 70, 48, 0, 0}, {5, 17, 33, 1, 20, 2, 2}, {14, 16, 7, 6, 16, 3, 0},
            {1, 32, 40, 31, 16, 2, 1}};
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            for (int[] s : shapes) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + java.util.Arrays.toString(s), () -> {
                    Random r = new Random(s[2] * 100 + s[3]);
                    ConvGeometry g = new ConvGeometry(s[0], 1, s[1], s[4], new int[] {1, s[2], s[3]},
                            new int[] {1, s[2] + 2 * s[5] - 4, s[3] + 2 * s[6] - 4}, new int[] {1, 5, 5},
                            new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, s[5], s[6]});
                    assertThat(WinogradConv.tile(g)).isIn(WinogradConv.Tile.F25, WinogradConv.Tile.F35);
                    WinogradConvTest.forwardAndInputGradientWithinTolerance(dispatch, g, r, bound(g));
                    // five13: both tiles on every shape, whichever the dispatch takes
                    WinogradConv winograd = new WinogradConv(provider.microKernel(), provider.vectorOps());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] expected = ReferenceConv.correlate(g, image, weight);
                    WinogradConvTest.assertWithinTolerance("F25 " + g,
                            winograd.correlate(g, image, weight, WinogradConv.Tile.F25), expected, 0.5);
                    WinogradConvTest.assertWithinTolerance("F35 " + g,
                            winograd.correlate(g, image, weight, WinogradConv.Tile.F35), expected, 0.75);
                }));
            }
        }
        return tests;
    }

    /**
     * The longest reductions the dispatch takes, {@value WinogradConv#MAX_REDUCTION_25} image channels: F(2×2) on
     * 2 × 13 × 11, F(3×3) on 4 × 27 × 27 (five13).
     */
    @TestFactory
    List<DynamicTest> theLongestReductionStaysWellWithinTheTolerance() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            for (int seed = 0; seed < 3; seed++) {
                int s = seed;
                tests.add(DynamicTest.dynamicTest(provider.name() + " #" + seed, () -> {
                    Random r = new Random(950 + s);
                    int cin = WinogradConv.MAX_REDUCTION_25;
                    int[][] sizes = {{2, 13, 11}, {4, 27, 27}};
                    for (int[] size : sizes) {
                        ConvGeometry g = new ConvGeometry(size[0], 1, cin, 16 + r.nextInt(17), new int[] {1, size[1], size[2]},
                                new int[] {1, size[1], size[2]}, new int[] {1, 5, 5}, new int[] {1, 1, 1},
                                new int[] {1, 1, 1}, new int[] {0, 2, 2});
                        assertThat(WinogradConv.tile(g))
                                .isEqualTo(size[1] == 27 ? WinogradConv.Tile.F35 : WinogradConv.Tile.F25);
                        assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.WINOGRAD);
                        float[] image = GradientChecker.random(r, g.imageSize()).data();
                        float[] weight = GradientChecker.random(r, g.weightSize()).data();
                        WinogradConvTest.assertWithinTolerance("correlate " + g, dispatch.correlate(g, image, weight),
                                ReferenceConv.correlate(g, image, weight), bound(g));
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void moreChannelsOrOtherKernelsStayOffTheTile() {
        ConvGeometry wide = new ConvGeometry(1, 1, WinogradConv.MAX_REDUCTION_25 + 1, 16, new int[] {1, 9, 9},
                new int[] {1, 9, 9}, new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
        assertThat(WinogradConv.tile(wide)).isNull();
        ConvGeometry few = new ConvGeometry(1, 1, WinogradConv.MIN_CHANNELS - 1, 16, new int[] {1, 9, 9},
                new int[] {1, 9, 9}, new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
        assertThat(WinogradConv.tile(few)).isNull();
        ConvGeometry seven = new ConvGeometry(1, 1, 32, 32, new int[] {1, 9, 9}, new int[] {1, 9, 9},
                new int[] {1, 7, 7}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 3, 3});
        assertThat(WinogradConv.tile(seven)).isNull();
        ConvGeometry strided = new ConvGeometry(1, 1, 32, 32, new int[] {1, 9, 9}, new int[] {1, 5, 5},
                new int[] {1, 5, 5}, new int[] {1, 2, 2}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
        assertThat(WinogradConv.tile(strided)).isNull();
        ConvGeometry fewTiles = new ConvGeometry(1, 1, 32, 32, new int[] {1, 9, 9}, new int[] {1, 9, 9},
                new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
        assertThat(WinogradConv.tile(fewTiles)).isNull(); // 25 tiles
        ConvGeometry enoughTiles = new ConvGeometry(3, 1, 32, 32, new int[] {1, 9, 9}, new int[] {1, 9, 9},
                new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
        assertThat(WinogradConv.tile(enoughTiles)).isEqualTo(WinogradConv.Tile.F25); // 75 tiles
        // five13: F(3×3) where its tiles and weight transform cost fewer points (c5x5-27), F(2×2) on 8 × 8 and 4 × 4
        ConvGeometry c27 = new ConvGeometry(8, 1, 32, 64, new int[] {1, 27, 27}, new int[] {1, 27, 27},
                new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
        assertThat(WinogradConv.tile(c27)).isEqualTo(WinogradConv.Tile.F35);
        ConvGeometry eight = new ConvGeometry(8, 1, 64, 64, new int[] {1, 8, 8}, new int[] {1, 8, 8},
                new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
        assertThat(WinogradConv.tile(eight)).isEqualTo(WinogradConv.Tile.F25);
        ConvGeometry four = new ConvGeometry(64, 1, 32, 32, new int[] {1, 4, 4}, new int[] {1, 4, 4},
                new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
        assertThat(WinogradConv.tile(four)).isEqualTo(WinogradConv.Tile.F25);
    }

    @Test
    void resultsAreBitwiseIdenticalForOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch dispatch = new ConvDispatch(provider, 0);
                Random r = new Random(11);
                // c5x5-27's channels on an odd plane; a batch of one; padding 0
                // (five13: F(3×3) on the first and the last, F(2×2) on the other two)
                int[][] shapes = {{2, 32, 64, 27, 27, 2}, {1, 17, 33, 21, 30, 2}, {5, 20, 24, 15, 13, 0},
                        {3, 40, 48, 22, 23, 2}};
                for (int[] shape : shapes) {
                    int pad = shape[5];
                    ConvGeometry g = new ConvGeometry(shape[0], 1, shape[1], shape[2], new int[] {1, shape[3], shape[4]},
                            new int[] {1, shape[3] + 2 * pad - 4, shape[4] + 2 * pad - 4}, new int[] {1, 5, 5},
                            new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, pad, pad});
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    Parallel.setThreads(1);
                    float[] one = dispatch.correlate(g, image, weight);
                    float[] oneBack = dispatch.scatter(g, response, weight);
                    Parallel.setThreads(2);
                    assertThat(dispatch.correlate(g, image, weight)).isEqualTo(one);
                    assertThat(dispatch.scatter(g, response, weight)).isEqualTo(oneBack);
                    WinogradConvTest.assertWithinTolerance("correlate " + g, one, ReferenceConv.correlate(g, image, weight),
                            bound(g));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * d5i58: a dense 5×5 input gradient's Winograd correlation reads the flipped, transposed kernel in place; the same
     * bits as the correlation with the flipped copy, at one and two threads, on every provider: F(3×3, 5×5) and
     * F(2×2, 5×5), response channels off the strips (the ragged strip). Grouped 5×5 keeps the copy (its wide groups go
     * to the lanes kernel first).
     */
    @Test
    void theDenseInputGradientReadsTheFlippedKernelInPlaceWithTheCopysBits() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch dispatch = new ConvDispatch(provider, 0);
                Random r = new Random(58);
                // batch, image channels, response channels, height, width, the flipped correlation's tile
                Object[][] shapes = {{8, 20, 21, 11, 11, WinogradConv.Tile.F35}, {2, 24, 40, 15, 13, WinogradConv.Tile.F25},
                    {6, 37, 17, 19, 16, WinogradConv.Tile.F35}};
                for (Object[] shape : shapes) {
                    ConvGeometry g = new ConvGeometry((int) shape[0], 1, (int) shape[1], (int) shape[2],
                            new int[] {1, (int) shape[3], (int) shape[4]}, new int[] {1, (int) shape[3], (int) shape[4]},
                            new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
                    ConvGeometry f = ConvDispatch.flipped(g);
                    assertThat(WinogradConv.tile(f)).as("%s", g).isEqualTo(shape[5]);
                    assertThat(dispatch.path(f, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.WINOGRAD);
                    assertThat(WinogradConv.readsFlipped(f)).as("%s", g).isTrue();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] copy = FastConv.flipTransposed(g, weight);
                    for (int threads = 1; threads <= 2; threads++) {
                        Parallel.setThreads(threads);
                        assertThat(dispatch.scatter(g, response, weight)).as("%s, %d threads", g, threads)
                                .isEqualTo(dispatch.correlate(f, response, copy));
                    }
                }
                ConvGeometry grouped = new ConvGeometry(4, 2, 96, 96, new int[] {1, 15, 15}, new int[] {1, 15, 15},
                        new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
                assertThat(WinogradConv.tile(ConvDispatch.flipped(grouped))).isNotNull();
                assertThat(WinogradConv.readsFlipped(ConvDispatch.flipped(grouped))).isFalse();
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * d5i58: on large-L2 hosts the 5×5 tiles gather their input where the response has at most
     * {@link WinogradConv#GATHER_5_MAX_COLS} tiles a row: forward and input gradient with the bits of a 1 MB instance's
     * row input at one and two threads, F(3×3, 5×5) and F(2×2, 5×5), strips across images, ragged last tiles and
     * lanes; wider responses read by rows.
     */
    @Test
    void narrowPlanesGatherTheFiveByFiveTilesInputWithTheBitsOfTheRowInput() {
        // batch, image channels, response channels, height, width
        int[][] shapes = {{16, 32, 64, 11, 11}, {5, 20, 37, 10, 12}, {9, 48, 24, 7, 9}, {6, 17, 33, 8, 7},
            {3, 24, 40, 13, 13}};
        for (KernelProvider provider : Providers.all()) {
            WinogradConv oneMegabyte = new WinogradConv(provider.microKernel(), provider.vectorOps(), true, 1L << 20);
            WinogradConv large = new WinogradConv(provider.microKernel(), provider.vectorOps(), true,
                    WinogradConv.LARGE_L2_BYTES);
            for (int i = 0; i < shapes.length; i++) {
                int[] s = shapes[i];
                ConvGeometry g = new ConvGeometry(s[0], 1, s[1], s[2], new int[] {1, s[3], s[4]},
                        new int[] {1, s[3], s[4]}, new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                        new int[] {0, 2, 2});
                ConvGeometry flipped = ConvDispatch.flipped(g);
                Random data = new Random(580 + i);
                float[] image = GradientChecker.random(data, g.imageSize()).data();
                float[] weight = GradientChecker.random(data, g.weightSize()).data();
                float[] response = GradientChecker.random(data, g.responseSize()).data();
                float[] flippedWeight = FastConv.flipTransposed(g, weight);
                for (WinogradConv.Tile tile : new WinogradConv.Tile[] {WinogradConv.Tile.F35, WinogradConv.Tile.F25}) {
                    int cols = (s[4] + tile.m - 1) / tile.m;
                    assertThat(oneMegabyte.gathersInput(tile, g)).isFalse();
                    assertThat(large.gathersInput(tile, g)).as("%s %s", tile, g).isEqualTo(cols <= 4);
                    float[] forward = Providers.atThreads(1, () -> oneMegabyte.correlate(g, image, weight, tile));
                    float[] scatter = Providers.atThreads(1,
                            () -> oneMegabyte.correlate(flipped, response, flippedWeight, tile));
                    WinogradConvTest.assertWithinTolerance("correlate " + tile + " " + g, forward,
                            ReferenceConv.correlate(g, image, weight), 0.75);
                    for (int threads = 1; threads <= 2; threads++) {
                        assertThat(Providers.atThreads(threads, () -> large.correlate(g, image, weight, tile)))
                                .as("%s %s, %s at %d threads", tile, g, provider, threads).isEqualTo(forward);
                        assertThat(Providers.atThreads(threads,
                                () -> large.correlate(flipped, response, flippedWeight, tile)))
                                .as("scatter %s %s, %s at %d threads", tile, g, provider, threads).isEqualTo(scatter);
                    }
                }
            }
        }
    }

    /** Within half the conformance tolerance: F(2x2, 5x5)'s bound. */
    static void assertWellWithinTolerance(String what, float[] actual, float[] expected) {
        WinogradConvTest.assertWithinTolerance(what, actual, expected, 0.5);
    }
}
