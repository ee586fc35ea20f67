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
 * The Winograd path against the double-precision reference loops: forced on for random 3×3 stride-1
 * geometries with odd sizes, ragged last tiles, padding up to beyond the kernel, tile strips that span
 * images, and channel counts that are not multiples of the micro-kernel's tile; the input gradient
 * through the flipped correlation; grouped geometries; bitwise equality across thread counts; and the switch
 * that turns it off. Both tiles: F(4×4) where the dispatch sends short reductions, F(2×2) forced on the same
 * geometries and dispatched on wide ones (more than {@value WinogradConv#MAX_REDUCTION} image channels), where its
 * error must stay well within the conformance tolerance.
 */
class WinogradConvTest {
    private static ConvGeometry geometry(Random r) {
        int pad0 = r.nextInt(4);
        int pad1 = r.nextInt(3);
        int h = Math.max(1, 3 - 2 * pad0) + r.nextInt(30);
        int w = Math.max(1, 3 - 2 * pad1) + r.nextInt(30);
        int[] response = {1, h + 2 * pad0 - 2, w + 2 * pad1 - 2};
        // one group in two geometries, else 2 or 3: each group has its own channels and weights
        int groups = r.nextInt(4) < 2 ? 1 : 2 + r.nextInt(2);
        int cin = groups * (WinogradConv.MIN_CHANNELS + r.nextInt(30));
        int cout = groups * (WinogradConv.MIN_CHANNELS + r.nextInt(30));
        return new ConvGeometry(1 + r.nextInt(3), groups, cin, cout, new int[] {1, h, w}, response, new int[] {1, 3, 3},
                new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, pad0, pad1});
    }

    @TestFactory
    List<DynamicTest> forwardAndInputGradientMatchTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            WinogradConv winograd = new WinogradConv(provider.microKernel(), provider.vectorOps());
            for (int seed = 0; seed < 40; seed++) {
                int s = seed;
                tests.add(DynamicTest.dynamicTest(provider.name() + " #" + seed, () -> {
                    Random r = new Random(500 + s);
                    ConvGeometry g = geometry(r);
                    // short groups on planes F(4x4) tiles poorly run the GEMM (grp16): the tile is forced as well
                    assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).isIn(ConvDispatch.Path.WINOGRAD,
                            ConvDispatch.Path.GEMM);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] expected = ReferenceConv.correlate(g, image, weight);
                    FastConvTest.assertClose("correlate " + g, dispatch.correlate(g, image, weight), expected);
                    FastConvTest.assertClose("correlate F4 " + g,
                            winograd.correlate(g, image, weight, WinogradConv.Tile.F4), expected);
                    ConvGeometry flipped = ConvDispatch.flipped(g);
                    float[] expectedScatter = ReferenceConv.scatter(g, response, weight);
                    FastConvTest.assertClose("scatter " + g, dispatch.scatter(g, response, weight), expectedScatter);
                    if (flipped != null) {
                        FastConvTest.assertClose("scatter F4 " + g, winograd.correlate(flipped, response,
                                FastConv.flipTransposed(g, weight), WinogradConv.Tile.F4), expectedScatter);
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void resultsAreBitwiseIdenticalForOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                WinogradConv winograd = new WinogradConv(provider.microKernel(), provider.vectorOps());
                Random r = new Random(9);
                // strips share out differently over the tasks at one and two threads; 96 x 96 channels put
                // several strips in one task (the transformed weights are large)
                // last: four groups of 32 x 32 channels
                int[][] shapes = {{3, 17, 33, 21, 30, 1}, {1, 17, 33, 21, 30, 1}, {3, 96, 96, 30, 29, 1},
                    {2, 128, 128, 19, 23, 4}};
                for (int[] shape : shapes) {
                    ConvGeometry g = new ConvGeometry(shape[0], shape[5], shape[1], shape[2], new int[] {1, shape[3], shape[4]},
                            new int[] {1, shape[3], shape[4]}, new int[] {1, 3, 3}, new int[] {1, 1, 1},
                            new int[] {1, 1, 1}, new int[] {0, 1, 1});
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    // forced: 4 groups of 32 on 19 x 23 (0.83 kept) dispatch to the GEMM (grp16)
                    Parallel.setThreads(1);
                    float[] one = winograd.correlate(g, image, weight, WinogradConv.Tile.F4);
                    Parallel.setThreads(2);
                    assertThat(winograd.correlate(g, image, weight, WinogradConv.Tile.F4)).isEqualTo(one);
                    FastConvTest.assertClose("correlate " + g, one, ReferenceConv.correlate(g, image, weight));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * c2x52: the bias added in the output transform ({@link ConvDispatch#correlate(ConvGeometry, float[], float[], float[])})
     * gives the bits of the response with the bias added after it (main's {@code Conv.run}), at one and two threads, on
     * F(4×4) (cnn2's 14 × 14 conv2d(32, 64), a ragged 13 × 15 plane, two groups), F(2×2) (160 image channels) and
     * F(2×2, 5×5); on the fast providers each shape must reach the Winograd path.
     */
    @Test
    void biasInTheOutputTransformIsTheBitsOfAddingItAfter() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch dispatch = new ConvDispatch(provider, 0);
                Random r = new Random(52);
                // batch, groups, image channels, response channels, height, width, kernel
                int[][] shapes = {{4, 1, 32, 64, 14, 14, 3}, {3, 1, 48, 40, 13, 15, 3}, {2, 2, 64, 160, 12, 12, 3},
                    {2, 1, 160, 32, 12, 12, 3}, {2, 1, 32, 48, 27, 27, 5}};
                for (int[] s : shapes) {
                    int pad = s[6] / 2;
                    ConvGeometry g = new ConvGeometry(s[0], s[1], s[2], s[3], new int[] {1, s[4], s[5]},
                            new int[] {1, s[4], s[5]}, new int[] {1, s[6], s[6]}, new int[] {1, 1, 1},
                            new int[] {1, 1, 1}, new int[] {0, pad, pad});
                    if (provider.fast()) {
                        assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).as("path of " + g)
                                .isEqualTo(ConvDispatch.Path.WINOGRAD);
                    }
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] bias = GradientChecker.random(r, g.responseChannels()).data();
                    for (int threads = 1; threads <= 2; threads++) {
                        Parallel.setThreads(threads);
                        float[] expected = dispatch.correlate(g, image, weight);
                        ReferenceConv.addBias(expected, bias, g.batch(), g.responseChannels(), g.responsePlane());
                        assertThat(dispatch.correlate(g, image, weight, bias))
                                .as(provider.name() + " " + g + " at " + threads).isEqualTo(expected);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * sm59: on 8-12 wide responses (at most three tiles a row) F(4×4) writes its rows of tiles as runs where
     * {@code VectorOps.interleave4Parts} holds, at one and two threads, with the bits of the element loop (an instance
     * without edge groups, which reads its input by rows: a 1 MB L2); the test fails if the runs are not taken.
     */
    @Test
    void runsOfTilesKeepTheBitsOfTheElementLoop() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                WinogradConv runs = new WinogradConv(provider.microKernel(), provider.vectorOps(), true,
                        WinogradConv.LARGE_L2_BYTES);
                WinogradConv loop = new WinogradConv(provider.microKernel(), provider.vectorOps(), false, 1L << 20);
                boolean expected = provider.vectorOps().interleave4Parts();
                Random r = new Random(59);
                // batch, image channels, response channels, height, width: 3 tiles a row cut by 1-3 columns and rows,
                // runs cut by the strips' ends, 2 tiles a row (8 × 8), a last strip of 8 tiles
                int[][] shapes = {{24, 16, 24, 10, 10}, {5, 32, 40, 9, 11}, {4, 24, 16, 12, 12}, {9, 16, 32, 8, 8},
                    {3, 40, 24, 11, 9}, {2, 16, 16, 7, 10}};
                for (int[] shape : shapes) {
                    ConvGeometry g = new ConvGeometry(shape[0], 1, shape[1], shape[2], new int[] {1, shape[3], shape[4]},
                            new int[] {1, shape[3], shape[4]}, new int[] {1, 3, 3}, new int[] {1, 1, 1},
                            new int[] {1, 1, 1}, new int[] {0, 1, 1});
                    ConvGeometry flipped = ConvDispatch.flipped(g);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] flippedWeight = FastConv.flipTransposed(g, weight);
                    Parallel.setThreads(1);
                    float[] forward = loop.correlate(g, image, weight, WinogradConv.Tile.F4);
                    float[] scatter = loop.correlate(flipped, response, flippedWeight, WinogradConv.Tile.F4);
                    FastConvTest.assertClose("correlate " + g, forward, ReferenceConv.correlate(g, image, weight));
                    for (int threads = 1; threads <= 2; threads++) {
                        Parallel.setThreads(threads);
                        long strips = WinogradConv.RUN_STRIPS.sum();
                        assertThat(runs.correlate(g, image, weight, WinogradConv.Tile.F4))
                                .as(provider.name() + " correlate " + g + " at " + threads).isEqualTo(forward);
                        assertThat(runs.correlate(flipped, response, flippedWeight, WinogradConv.Tile.F4))
                                .as(provider.name() + " scatter " + g + " at " + threads).isEqualTo(scatter);
                        assertThat(WinogradConv.RUN_STRIPS.sum() > strips)
                                .as(provider.name() + " runs taken on " + g).isEqualTo(expected);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * c2t50: F(4×4)'s rows of four tiles cut by the response's edges, written a row segment at a time
     * ({@code VectorOps.interleave4Part}), give the bits of the element loop (the same kernels with them off), forward
     * and input gradient, at one and two threads: on planes where every row of tiles is such a group (13-16 wide,
     * cnn2's 14 × 14 conv2d(32, 64) among them, its strips spanning images), where only the right column of groups is
     * (30 wide), where the bottom row of tiles is cut (16 wide, 14 high), where most groups straddle rows of tiles (17
     * wide), and where none is cut (20 × 20). On the Vector API from JDK 18 with 16 lanes the path must be taken.
     */
    @Test
    void edgeGroupsWriteTheBitsOfTheElementLoop() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                WinogradConv edges = new WinogradConv(provider.microKernel(), provider.vectorOps());
                WinogradConv loop = new WinogradConv(provider.microKernel(), provider.vectorOps(), false);
                boolean expected = provider.vectorOps().interleave4Parts();
                if (provider.name().startsWith("panama") && Runtime.version().feature() >= 18
                        && provider.microKernel().nr() == 32) {
                    assertThat(expected).as(provider.name() + " interleave4Parts").isTrue();
                }
                Random r = new Random(50);
                // batch, image channels, response channels, height, width, whether any group is cut by an edge
                int[][] shapes = {{5, 32, 64, 14, 14, 1}, {3, 64, 32, 13, 15, 1}, {2, 24, 40, 30, 30, 1},
                    {3, 16, 48, 14, 16, 1}, {2, 32, 32, 17, 17, 1}, {2, 32, 32, 20, 20, 0}};
                for (int[] shape : shapes) {
                    ConvGeometry g = new ConvGeometry(shape[0], 1, shape[1], shape[2], new int[] {1, shape[3], shape[4]},
                            new int[] {1, shape[3], shape[4]}, new int[] {1, 3, 3}, new int[] {1, 1, 1},
                            new int[] {1, 1, 1}, new int[] {0, 1, 1});
                    ConvGeometry flipped = ConvDispatch.flipped(g);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] flippedWeight = FastConv.flipTransposed(g, weight);
                    Parallel.setThreads(1);
                    float[] forward = loop.correlate(g, image, weight, WinogradConv.Tile.F4);
                    float[] scatter = loop.correlate(flipped, response, flippedWeight, WinogradConv.Tile.F4);
                    FastConvTest.assertClose("correlate " + g, forward, ReferenceConv.correlate(g, image, weight));
                    for (int threads = 1; threads <= 2; threads++) {
                        Parallel.setThreads(threads);
                        long strips = WinogradConv.EDGE_GROUP_STRIPS.sum();
                        assertThat(edges.correlate(g, image, weight, WinogradConv.Tile.F4))
                                .as(provider.name() + " correlate " + g + " at " + threads).isEqualTo(forward);
                        assertThat(edges.correlate(flipped, response, flippedWeight, WinogradConv.Tile.F4))
                                .as(provider.name() + " scatter " + g + " at " + threads).isEqualTo(scatter);
                        boolean grouped = shape[5] == 1;
                        assertThat(WinogradConv.EDGE_GROUP_STRIPS.sum() > strips)
                                .as(provider.name() + " edge groups taken on " + g).isEqualTo(expected && grouped);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @TestFactory
    List<DynamicTest> theSmallTileMatchesTheReferenceOnTheSameGeometries() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            WinogradConv winograd = new WinogradConv(provider.microKernel(), provider.vectorOps());
            for (int seed = 0; seed < 30; seed++) {
                int s = seed;
                tests.add(DynamicTest.dynamicTest(provider.name() + " #" + seed, () -> {
                    Random r = new Random(500 + s);
                    ConvGeometry g = geometry(r);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    assertWellWithinTolerance("correlate F2 " + g,
                            winograd.correlate(g, image, weight, WinogradConv.Tile.F2), ReferenceConv.correlate(g, image, weight));
                }));
            }
        }
        return tests;
    }

    /** A random geometry with a wide reduction per group: odd sizes, ragged tiles, padding, one to three groups. */
    private static ConvGeometry wideGeometry(Random r) {
        int pad0 = r.nextInt(3);
        int pad1 = r.nextInt(3);
        int h = Math.max(1, 3 - 2 * pad0) + 6 + r.nextInt(12);
        int w = Math.max(1, 3 - 2 * pad1) + 6 + r.nextInt(12);
        int[] response = {1, h + 2 * pad0 - 2, w + 2 * pad1 - 2};
        int groups = r.nextInt(3) < 2 ? 1 : 2 + r.nextInt(2);
        int cin = groups * (WinogradConv.MAX_REDUCTION + 1 + r.nextInt(60));
        int cout = groups * (WinogradConv.MIN_CHANNELS + r.nextInt(32));
        // enough images for F(2x2)'s tile minimum, sometimes a few more
        int tilesPerImage = (response[1] + 1) / 2 * ((response[2] + 1) / 2);
        int batch = (WinogradConv.MIN_WIDE_TILES + tilesPerImage - 1) / tilesPerImage + r.nextInt(2);
        return new ConvGeometry(batch, groups, cin, cout, new int[] {1, h, w}, response, new int[] {1, 3, 3},
                new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, pad0, pad1});
    }

    @TestFactory
    List<DynamicTest> wideReductionsRunTheSmallTileWellWithinTheTolerance() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            FastConv lanes = new FastConv(provider.microKernel(), provider.vectorOps());
            for (int seed = 0; seed < 12; seed++) {
                int s = seed;
                tests.add(DynamicTest.dynamicTest(provider.name() + " #" + seed, () -> {
                    Random r = new Random(900 + s);
                    ConvGeometry g = wideGeometry(r);
                    assertThat(WinogradConv.tile(g)).isEqualTo(WinogradConv.Tile.F2);
                    // g32-29: 16-64 response channels a group run the direct lanes kernel first
                    assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(lanes.groupLanesPay(g)
                            ? ConvDispatch.Path.GEMM : ConvDispatch.Path.WINOGRAD);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    assertWellWithinTolerance("correlate " + g, dispatch.correlate(g, image, weight),
                            ReferenceConv.correlate(g, image, weight));
                    // the input gradient reduces over the response channels: either tile or the GEMM, all close
                    FastConvTest.assertClose("scatter " + g, dispatch.scatter(g, response, weight),
                            ReferenceConv.scatter(g, response, weight));
                }));
            }
            // r3x3-14's channels, and its input gradient (the flipped correlation, 256 -> 256 again)
            tests.add(DynamicTest.dynamicTest(provider.name() + " 256 x 256", () -> {
                Random r = new Random(14);
                ConvGeometry g = new ConvGeometry(6, 1, 256, 256, new int[] {1, 14, 13}, new int[] {1, 14, 13},
                        new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
                assertThat(WinogradConv.tile(ConvDispatch.flipped(g))).isEqualTo(WinogradConv.Tile.F2);
                forwardAndInputGradientWithinTolerance(dispatch, g, r, 0.25);
            }));
        }
        return tests;
    }

    /**
     * Every error under a quarter of the conformance tolerance {@code 1e-5 * max(1, max|expected|) + 1e-4 * |expected|}
     * (F(4×4) reaches 0.7-1.0 of it at 256 image channels).
     */
    /** Within a quarter of the conformance tolerance: the 3x3 Winograd paths' bound. */
    private static void assertWellWithinTolerance(String what, float[] actual, float[] expected) {
        assertWithinTolerance(what, actual, expected, 0.25);
    }

    /**
     * Every element within {@code fraction} of the conformance tolerance (1e-5 of the largest |expected|, at least
     * 1, plus 1e-4 of its own); {@code -Dconvkit.printError} prints the worst ratio.
     */
    static void assertWithinTolerance(String what, float[] actual, float[] expected, double fraction) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double max = 1;
        for (float e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-5 * max + 1e-4 * Math.abs(expected[i]);
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / tolerance);
        }
        if (System.getProperty("convkit.printError") != null) {
            System.out.printf("%s: worst error %.3f of the tolerance%n", what, worst);
        }
        assertThat(worst).as("%s: worst error / tolerance", what).isLessThanOrEqualTo(fraction);
    }

    /** The forward and the input gradient of {@code g} on random operands against the reference loops. */
    static void forwardAndInputGradientWithinTolerance(ConvDispatch dispatch, ConvGeometry g, Random r, double fraction) {
        float[] image = GradientChecker.random(r, g.imageSize()).data();
        float[] weight = GradientChecker.random(r, g.weightSize()).data();
        float[] response = GradientChecker.random(r, g.responseSize()).data();
        assertWithinTolerance("correlate " + g, dispatch.correlate(g, image, weight),
                ReferenceConv.correlate(g, image, weight), fraction);
        assertWithinTolerance("scatter " + g, dispatch.scatter(g, response, weight),
                ReferenceConv.scatter(g, response, weight), fraction);
    }

    /**
     * small19: the input gradient's Winograd correlation reads the flipped, transposed kernel in place; the same bits
     * as the correlation with the flipped copy, at one and two threads, on both providers: F(2x2) and F(4x4), one and
     * two groups, channel counts off the strips (the ragged strip).
     */
    @Test
    void theInputGradientReadsTheFlippedKernelInPlaceWithTheCopysBits() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch dispatch = new ConvDispatch(provider, 0);
                Random r = new Random(191);
                // batch, image channels, response channels, height, width, groups
                int[][] shapes = {{4, 512, 64, 7, 7, 1}, {2, 36, 21, 13, 11, 1}, {3, 2 * 20, 2 * 150, 9, 10, 2},
                    {2, 24, 40, 16, 15, 1}};
                for (int[] shape : shapes) {
                    ConvGeometry g = new ConvGeometry(shape[0], shape[5], shape[1], shape[2],
                            new int[] {1, shape[3], shape[4]}, new int[] {1, shape[3], shape[4]}, new int[] {1, 3, 3},
                            new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
                    ConvGeometry f = ConvDispatch.flipped(g);
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
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * small19: wide reductions on small planes (5-16, padding 0 or 1, 144-512 image channels) around
     * {@link WinogradConv#MIN_WIDE_TILES}: F(2x2) from that many tiles, the GEMM below; both passes the same bits at one
     * to three threads and against the reference loops, on both providers.
     */
    @Test
    void wideReductionsOnSmallPlanesTakeTheSmallTileFromTheTileMinimum() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch dispatch = new ConvDispatch(provider, 0);
                Random r = new Random(19);
                // batch, image channels, response channels, plane side, padding: r3x3-7's 512 channels at 64 tiles,
                // 9 x 9 (75 tiles), ragged 14 x 11 responses (84), 16 x 16 alone (64), 10 x 10 (125); then below
                // the minimum: 4 x 4 responses (32 tiles), 10 x 10 (50)
                int[][] shapes = {{4, 512, 64, 7, 1}, {3, 256, 96, 9, 1}, {2, 144, 40, 16, 0}, {1, 256, 32, 16, 1},
                    {5, 320, 24, 12, 0}, {8, 192, 32, 6, 0}, {2, 512, 16, 10, 1}};
                for (int[] shape : shapes) {
                    int pad = shape[4];
                    int side = shape[3];
                    int out = side + 2 * pad - 2;
                    int width = side == 16 && pad == 0 ? 13 : side;
                    int outW = width + 2 * pad - 2;
                    ConvGeometry g = new ConvGeometry(shape[0], 1, shape[1], shape[2], new int[] {1, side, width},
                            new int[] {1, out, outW}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                            new int[] {0, pad, pad});
                    long tiles = (long) shape[0] * ((out + 1) / 2) * ((outW + 1) / 2);
                    assertThat(WinogradConv.tile(g))
                            .isEqualTo(tiles >= WinogradConv.MIN_WIDE_TILES ? WinogradConv.Tile.F2 : null);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    Parallel.setThreads(1);
                    float[] forward = dispatch.correlate(g, image, weight);
                    float[] backward = dispatch.scatter(g, response, weight);
                    for (int threads = 2; threads <= 3; threads++) {
                        Parallel.setThreads(threads);
                        assertThat(dispatch.correlate(g, image, weight)).as("correlate %s, %d threads", g, threads)
                                .isEqualTo(forward);
                        assertThat(dispatch.scatter(g, response, weight)).as("scatter %s, %d threads", g, threads)
                                .isEqualTo(backward);
                    }
                    assertWellWithinTolerance("correlate " + g, forward, ReferenceConv.correlate(g, image, weight));
                    // the input gradient reduces over the response channels: F(4x4), F(2x2) or the GEMM, all close
                    FastConvTest.assertClose("scatter " + g, backward, ReferenceConv.scatter(g, response, weight));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * small21: a last strip of at most half a strip's tiles at half the multiply-adds (72 tiles of 5 × 5 and 6 × 6
     * planes in 3 strips, the last of 8; 50 of 9 × 9 and 128 of 7 × 7 with one image more): the same bits at one to
     * three threads, an image's response the same whether its tiles end the batch in a half strip or not, and close
     * to the reference loops, on both providers.
     */
    @Test
    void aHalfLastStripKeepsTheBits() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                WinogradConv winograd = new WinogradConv(provider.microKernel(), provider.vectorOps());
                Random r = new Random(21);
                // batch, image channels, response channels (ragged: 44 is not a multiple of the micro-kernel's rows),
                // plane side, padding
                int[][] shapes = {{8, 144, 44, 5, 1}, {8, 136, 64, 6, 1}, {2, 160, 40, 9, 1}, {8, 132, 24, 7, 1},
                    {8, 40, 20, 7, 0}};
                for (int[] shape : shapes) {
                    ConvGeometry g = square(shape[0], shape[1], shape[2], shape[3], shape[4]);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    Parallel.setThreads(1);
                    float[] one = winograd.correlate(g, image, weight, WinogradConv.Tile.F2);
                    for (int threads = 2; threads <= 3; threads++) {
                        Parallel.setThreads(threads);
                        assertThat(winograd.correlate(g, image, weight, WinogradConv.Tile.F2))
                                .as("%s %s, %d threads", provider.name(), g, threads).isEqualTo(one);
                    }
                    assertWellWithinTolerance("correlate " + g, one, ReferenceConv.correlate(g, image, weight));
                    // one image more: the last image's tiles, which ended the batch in a strip of at most half, now
                    // sit in a strip more than half full
                    ConvGeometry longer = square(shape[0] + 1, shape[1], shape[2], shape[3], shape[4]);
                    float[] more = java.util.Arrays.copyOf(image, longer.imageSize());
                    float[] longerOut = winograd.correlate(longer, more, weight, WinogradConv.Tile.F2);
                    assertThat(java.util.Arrays.copyOf(longerOut, one.length)).as("%s %s, batch + 1", provider.name(), g)
                            .isEqualTo(one);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * wino22: F(2×2) with its weights transformed in float, as the dispatch sends small planes with many channels: planes
     * 4-12 odd and even, padding 0 and 1, 64-1024 image channels, odd channel counts and ragged strips, batch 1, 2, 3 and
     * 8; both passes (the input gradient reads the kernel flipped in place) the same bits at one to three threads and
     * well within the tolerance of the reference loops, on both providers.
     */
    @Test
    void theSmallTileWithFloatWeightsMatchesTheReferenceOnSmallPlanesWithManyChannels() {
        // batch, image channels, response channels, plane side, padding
        int[][] shapes = {{8, 1024, 144, 5, 1}, {2, 192, 256, 12, 1}, {1, 128, 128, 11, 1}, {8, 64, 96, 4, 1},
            {3, 300, 77, 9, 1}, {8, 520, 64, 7, 0}, {4, 256, 136, 8, 1}};
        for (int[] shape : shapes) {
            ConvGeometry g = square(shape[0], shape[1], shape[2], shape[3], shape[4]);
            assertThat(WinogradConv.tile(ConvDispatch.flipped(g))).as("%s", g).isEqualTo(WinogradConv.Tile.F2);
        }
        assertSmallTileKeepsItsBitsNearTheReference(22, shapes);
    }

    /**
     * small23: calls with too few strips to split evenly across the threads run each task once per part of the
     * response rows ({@link WinogradConv#rowParts}): planes 3-14, 64-1024 image channels, ragged row blocks (80, 136,
     * 144, 200 response channels), batch 1, 2 and 8; forward and input gradient the same bits at one to three threads
     * (three threads make three parts where there are three row blocks) and well within the tolerance of the
     * reference loops, on both providers.
     */
    @Test
    void fewStripsSplitByResponseRowsKeepTheBits() {
        // batch, image channels, response channels, plane side, padding
        assertSmallTileKeepsItsBitsNearTheReference(23, new int[][] {{8, 256, 136, 6, 1}, {8, 1024, 144, 5, 1},
            {2, 384, 200, 11, 1}, {2, 64, 96, 4, 1}, {8, 96, 80, 3, 1}, {2, 192, 256, 14, 0}, {1, 80, 192, 8, 1}});
    }

    /**
     * Each shape (batch, image channels, response channels, plane side, padding) runs F(2×2) through the dispatch, and
     * its forward and input gradient give the same bits at one to three threads and stay well within the tolerance of
     * the reference loops, on both providers.
     */
    private static void assertSmallTileKeepsItsBitsNearTheReference(long seed, int[][] shapes) {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch dispatch = new ConvDispatch(provider, 0);
                Random r = new Random(seed);
                for (int[] shape : shapes) {
                    ConvGeometry g = square(shape[0], shape[1], shape[2], shape[3], shape[4]);
                    assertThat(WinogradConv.tile(g)).as("%s", g).isEqualTo(WinogradConv.Tile.F2);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    Parallel.setThreads(1);
                    float[] forward = dispatch.correlate(g, image, weight);
                    float[] backward = dispatch.scatter(g, response, weight);
                    for (int threads = 2; threads <= 3; threads++) {
                        Parallel.setThreads(threads);
                        assertThat(dispatch.correlate(g, image, weight))
                                .as("%s correlate %s, %d threads", provider.name(), g, threads).isEqualTo(forward);
                        assertThat(dispatch.scatter(g, response, weight))
                                .as("%s scatter %s, %d threads", provider.name(), g, threads).isEqualTo(backward);
                    }
                    assertWellWithinTolerance(provider.name() + " correlate " + g, forward,
                            ReferenceConv.correlate(g, image, weight));
                    assertWellWithinTolerance(provider.name() + " scatter " + g, backward,
                            ReferenceConv.scatter(g, response, weight));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** {@code batch} images of {@code side} × {@code side}, padding 1, in {@code groups} groups (sm54's rule on 11). */
    private static ConvGeometry squareCall(int batch, int groups, int cin, int cout, int side) {
        return new ConvGeometry(batch, groups, cin, cout, new int[] {1, side, side}, new int[] {1, side, side},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
    }

    /**
     * sm54: dense 11 × 11 calls of 40 -> 72 and 96 -> 48 channels (h53-c3-11's and a held-out shape's) on 16 and 15
     * images ({@link WinogradConv#SMALL_PLANE_F4_TILES}) run F(4×4) by the dispatch: forward and input gradient within the
     * conformance tolerance of the reference loops (F(4×4)'s bound, not F(2×2)'s quarter of it) and the same bits at
     * one and two threads, on every provider (the scalar kernels too).
     */
    @Test
    void elevenWideDenseCallsRunTheLargeTileNearTheReferenceAtAnyThreadCount() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch dispatch = new ConvDispatch(provider, 0);
                Random r = new Random(54);
                // win56: 9 x 9 and 10 x 10 as h54-c3-9 and h55-c3-10 (fewer images); sm58: 8 x 8 as h57-c3-8
                for (int[] shape : new int[][] {{16, 40, 72, 11}, {15, 96, 48, 11}, {16, 56, 56, 9}, {15, 48, 80, 10},
                    {32, 64, 64, 8}}) {
                    ConvGeometry g = square(shape[0], shape[1], shape[2], shape[3], 1);
                    assertThat(WinogradConv.tile(g)).isEqualTo(WinogradConv.Tile.F4);
                    assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.WINOGRAD);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    Parallel.setThreads(1);
                    float[] forward = dispatch.correlate(g, image, weight);
                    float[] backward = dispatch.scatter(g, response, weight);
                    Parallel.setThreads(2);
                    assertThat(dispatch.correlate(g, image, weight)).as("%s", g).isEqualTo(forward);
                    assertThat(dispatch.scatter(g, response, weight)).as("%s", g).isEqualTo(backward);
                    // F(4×4)'s bound, as its other tests (FastConvTest.assertClose): 0.39 of it measured at 40 -> 72
                    assertWithinTolerance("correlate " + g, forward, ReferenceConv.correlate(g, image, weight), 1.0);
                    assertWithinTolerance("scatter " + g, backward, ReferenceConv.scatter(g, response, weight), 1.0);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** A square 3×3 stride-1 geometry: batch, image and response channels, plane side, padding. */
    private static ConvGeometry square(int batch, int cin, int cout, int side, int pad) {
        int out = side + 2 * pad - 2;
        return new ConvGeometry(batch, 1, cin, cout, new int[] {1, side, side}, new int[] {1, out, out},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, pad, pad});
    }

    @Test
    void theSmallTileIsBitwiseIdenticalForOneAndTwoThreadsAndRepeatedCalls() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch dispatch = new ConvDispatch(provider, 0);
                WinogradConv winograd = new WinogradConv(provider.microKernel(), provider.vectorOps());
                Random r = new Random(10);
                // batch, image channels, response channels, height, width, groups: 256 x 256 puts several strips in
                // a task; two groups of 160 x 24; a small response (F(2x2) for its size, with few tiles)
                int[][] shapes = {{6, 256, 256, 14, 14, 1}, {9, 160, 40, 11, 9, 1}, {13, 320, 48, 7, 10, 2},
                        {1, 64, 48, 11, 9, 1}};
                for (int[] shape : shapes) {
                    ConvGeometry g = new ConvGeometry(shape[0], shape[5], shape[1], shape[2], new int[] {1, shape[3], shape[4]},
                            new int[] {1, shape[3], shape[4]}, new int[] {1, 3, 3}, new int[] {1, 1, 1},
                            new int[] {1, 1, 1}, new int[] {0, 1, 1});
                    assertThat(WinogradConv.tile(g)).isEqualTo(WinogradConv.Tile.F2);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    Parallel.setThreads(1);
                    float[] one = dispatch.correlate(g, image, weight);
                    for (int call = 0; call < 3; call++) {
                        assertThat(dispatch.correlate(g, image, weight)).isEqualTo(one);
                    }
                    Parallel.setThreads(2);
                    assertThat(dispatch.correlate(g, image, weight)).isEqualTo(one);
                    assertWellWithinTolerance("correlate " + g, one, ReferenceConv.correlate(g, image, weight));
                    // forced on a short reduction too: the 2 x 2 tile on a geometry that would run F(4 x 4)
                    ConvGeometry narrow = new ConvGeometry(shape[0], 1, 24, 40, new int[] {1, shape[3], shape[4]},
                            new int[] {1, shape[3], shape[4]}, new int[] {1, 3, 3}, new int[] {1, 1, 1},
                            new int[] {1, 1, 1}, new int[] {0, 1, 1});
                    float[] x = GradientChecker.random(r, narrow.imageSize()).data();
                    float[] k = GradientChecker.random(r, narrow.weightSize()).data();
                    Parallel.setThreads(1);
                    float[] forced = winograd.correlate(narrow, x, k, WinogradConv.Tile.F2);
                    Parallel.setThreads(2);
                    assertThat(winograd.correlate(narrow, x, k, WinogradConv.Tile.F2)).isEqualTo(forced);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void theSmallTileTransformsAgreeBitwiseAcrossProviders() {
        Random r = new Random(23);
        float[] in = GradientChecker.random(r, 400).data();
        for (KernelProvider provider : Providers.all()) {
            // n not a multiple of any vector length: the vector body and the scalar tail both run
            for (int n : new int[] {1, 7, 16, 37, 64}) {
                float[] scalarOut = new float[400];
                float[] vectorOut = new float[400];
                KernelProvider.scalar().vectorOps().winograd2Input(in, 3, 70, scalarOut, 5, 80, n);
                provider.vectorOps().winograd2Input(in, 3, 70, vectorOut, 5, 80, n);
                assertThat(vectorOut).as(provider.name() + " input, n = " + n).isEqualTo(scalarOut);
                for (int i = 0; i < n; i++) {
                    float d0 = in[3 + i], d1 = in[73 + i], d2 = in[143 + i], d3 = in[213 + i];
                    assertThat(new float[] {vectorOut[5 + i], vectorOut[85 + i], vectorOut[165 + i], vectorOut[245 + i]})
                            .containsExactly(d0 - d2, d1 + d2, d2 - d1, d1 - d3);
                }
                KernelProvider.scalar().vectorOps().winograd2Output(in, 1, 90, scalarOut, 7, 100, n);
                provider.vectorOps().winograd2Output(in, 1, 90, vectorOut, 7, 100, n);
                assertThat(vectorOut).as(provider.name() + " output, n = " + n).isEqualTo(scalarOut);
                for (int i = 0; i < n; i++) {
                    float m0 = in[1 + i], m1 = in[91 + i], m2 = in[181 + i], m3 = in[271 + i];
                    assertThat(vectorOut[7 + i]).isEqualTo(m0 + m1 + m2);
                    assertThat(vectorOut[107 + i]).isEqualTo(m1 - m2 - m3);
                }
            }
        }
    }

    @Test
    void gatherTakesIndexedElementsAndZeroForInvalidLanes() {
        for (KernelProvider provider : Providers.all()) {
            Random r = new Random(3);
            float[] in = GradientChecker.random(r, 200).data();
            in[45] = Float.NaN; // invalid lanes that load it still yield zero
            int[] index = new int[50];
            boolean[] valid = new boolean[50];
            for (int i = 0; i < index.length; i++) {
                index[i] = r.nextInt(150);
                valid[i] = r.nextInt(4) != 0 && index[i] != 5;
            }
            index[10] = 5;
            valid[10] = false;
            float[] out = new float[45];
            provider.vectorOps().gather(in, 40, index, valid, 3, out, 2, 41);
            for (int i = 0; i < 41; i++) {
                float expected = valid[3 + i] ? in[40 + index[3 + i]] : 0f;
                assertThat(out[2 + i]).as(provider.name() + " lane " + i).isEqualTo(expected);
            }
            assertThat(out[0]).isZero();
            assertThat(out[44]).isZero();
        }
    }

    @Test
    void turnedOffTheExactGemmPathRuns() {
        ConvGeometry g = new ConvGeometry(1, 1, 16, 16, new int[] {1, 8, 8}, new int[] {1, 8, 8}, new int[] {1, 3, 3},
                new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        KernelProvider scalar = KernelProvider.scalar();
        assertThat(new ConvDispatch(scalar, 0, true).path(g, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.WINOGRAD);
        assertThat(new ConvDispatch(scalar, 0, false).path(g, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
        ConvGeometry fewChannels = new ConvGeometry(1, 1, WinogradConv.MIN_CHANNELS - 1, 16, new int[] {1, 8, 8},
                new int[] {1, 8, 8}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(new ConvDispatch(scalar, 0, true).path(fewChannels, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
        // too many channel pairs for F(4 x 4)'s transformed weights: F(2 x 2); too many for F(2 x 2)'s: the GEMM
        int many = (int) Math.sqrt(WinogradConv.MAX_CHANNEL_PAIRS) + 1;
        ConvGeometry manyPairs = new ConvGeometry(16, 1, many, many, new int[] {1, 8, 8}, new int[] {1, 8, 8},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(WinogradConv.tile(manyPairs)).isEqualTo(WinogradConv.Tile.F2); // 16 x 16 tiles
        // where only F(2 x 2) is accurate enough, a call with fewer tiles than MIN_WIDE_TILES runs the GEMM
        ConvGeometry fewTiles = new ConvGeometry(3, 1, many, many, new int[] {1, 8, 8}, new int[] {1, 8, 8},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(3 * 16).isLessThan(WinogradConv.MIN_WIDE_TILES);
        assertThat(WinogradConv.tile(fewTiles)).isNull();
        assertThat(new ConvDispatch(scalar, 0, true).path(fewTiles, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
        int tooMany = (int) Math.sqrt(WinogradConv.MAX_CHANNEL_PAIRS_2) + 1;
        ConvGeometry tooManyPairs = new ConvGeometry(1, 1, tooMany, tooMany, new int[] {1, 3, 3}, new int[] {1, 3, 3},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(new ConvDispatch(scalar, 0, true).path(tooManyPairs, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
        // the error follows the reduction: 256 -> 64 channels takes the 2 x 2 tile, its input gradient (64 -> 256) 4 x 4
        ConvGeometry longReduction = new ConvGeometry(5, 1, 256, 64, new int[] {1, 16, 13}, new int[] {1, 16, 13},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat((long) 256 * 64).isLessThanOrEqualTo(WinogradConv.MAX_CHANNEL_PAIRS);
        assertThat(WinogradConv.tile(longReduction)).isEqualTo(WinogradConv.Tile.F2);
        assertThat(new ConvDispatch(scalar, 0, true).path(longReduction, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.WINOGRAD);
        assertThat(new ConvDispatch(scalar, 0, false).path(longReduction, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
        assertThat(WinogradConv.tile(ConvDispatch.flipped(longReduction))).isEqualTo(WinogradConv.Tile.F4);
        // responses at most SMALL_SIDE high and wide: the 2 x 2 tile however short the reduction
        ConvGeometry small = new ConvGeometry(1, 1, 64, 64, new int[] {1, WinogradConv.SMALL_SIDE, 5},
                new int[] {1, WinogradConv.SMALL_SIDE, 5}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                new int[] {0, 1, 1});
        assertThat(WinogradConv.tile(small)).isEqualTo(WinogradConv.Tile.F2);
        ConvGeometry tall = new ConvGeometry(1, 1, 64, 64, new int[] {1, WinogradConv.SMALL_SIDE + 1, 5},
                new int[] {1, WinogradConv.SMALL_SIDE + 1, 5}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                new int[] {0, 1, 1});
        assertThat(WinogradConv.tile(tall)).isEqualTo(WinogradConv.Tile.F4);
        // sm54: 11 x 11, which both tiles cover as 12 x 12, F(4 x 4) for dense calls of more than SHORT_GROUP channels
        // on at least SMALL_PLANE_F4_TILES 4 x 4 tiles (h53-c3-11's and its input gradient's), and win56: from 9 x 9 (10 x 10,
        // 11 x 10, 9 x 9 too); fewer images, 8 x 11, dense short groups and grouped calls keep F(2 x 2), grouped short
        // groups the GEMM
        assertThat(WinogradConv.tile(squareCall(16, 1, 40, 72, 11))).isEqualTo(WinogradConv.Tile.F4);
        assertThat(WinogradConv.tile(ConvDispatch.flipped(squareCall(16, 1, 40, 72, 11)))).isEqualTo(WinogradConv.Tile.F4);
        assertThat(WinogradConv.tile(squareCall(14, 1, 40, 72, 11))).isEqualTo(WinogradConv.Tile.F2);
        assertThat(WinogradConv.tile(squareCall(16, 1, 40, 72, 10))).isEqualTo(WinogradConv.Tile.F4);
        assertThat(WinogradConv.tile(squareCall(15, 1, 56, 56, 9))).isEqualTo(WinogradConv.Tile.F4);
        assertThat(WinogradConv.tile(squareCall(14, 1, 56, 56, 9))).isEqualTo(WinogradConv.Tile.F2);
        // sm58: 8 x 8 (2 x 2 tiles of 4 x 4, none cut) from 32 images, SMALL_PLANE_F4_TILES whole tiles, up to
        // EIGHT_F4_MAX_PAIRS channel pairs; 7 x 7 and 128 x 128 keep F(2 x 2)
        assertThat(WinogradConv.tile(squareCall(32, 1, 64, 64, 8))).isEqualTo(WinogradConv.Tile.F4);
        assertThat(WinogradConv.tile(ConvDispatch.flipped(squareCall(32, 1, 64, 64, 8)))).isEqualTo(WinogradConv.Tile.F4);
        assertThat(WinogradConv.tile(squareCall(31, 1, 64, 64, 8))).isEqualTo(WinogradConv.Tile.F2);
        assertThat(WinogradConv.tile(squareCall(32, 1, 64, 64, 7))).isEqualTo(WinogradConv.Tile.F2);
        assertThat(WinogradConv.tile(squareCall(32, 1, 128, 128, 8))).isEqualTo(WinogradConv.Tile.F2);
        assertThat(WinogradConv.tile(new ConvGeometry(16, 1, 40, 72, new int[] {1, 11, 10}, new int[] {1, 11, 10},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1})))
                .isEqualTo(WinogradConv.Tile.F4);
        assertThat(WinogradConv.tile(new ConvGeometry(16, 1, 40, 72, new int[] {1, 8, 11}, new int[] {1, 8, 11},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1})))
                .isEqualTo(WinogradConv.Tile.F2);
        assertThat(WinogradConv.tile(squareCall(16, 1, 32, 32, 11))).isEqualTo(WinogradConv.Tile.F2);
        assertThat(WinogradConv.tile(squareCall(16, 2, 96, 96, 11))).isEqualTo(WinogradConv.Tile.F2);
        assertThat(WinogradConv.tile(squareCall(16, 4, 64, 64, 11))).isNull();
        ConvGeometry tooLong = new ConvGeometry(1, 1, WinogradConv.MAX_REDUCTION_2 + 1, 16, new int[] {1, 3, 3},
                new int[] {1, 3, 3}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(new ConvDispatch(scalar, 0, true).path(tooLong, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
        // the limits hold per group: 4 groups of 16 channels take Winograd, 4 groups of 8 do not (12 x 12: grouped
        // short groups on responses of at most SMALL_SIDE run the GEMM, grp20)
        ConvGeometry grouped = new ConvGeometry(1, 4, 64, 64, new int[] {1, 12, 12}, new int[] {1, 12, 12},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(new ConvDispatch(scalar, 0, true).path(grouped, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.WINOGRAD);
        ConvGeometry narrowGroups = new ConvGeometry(1, 8, 64, 64, new int[] {1, 8, 8}, new int[] {1, 8, 8},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(new ConvDispatch(scalar, 0, true).path(narrowGroups, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
    }

    // ---- g4w12: grouped calls whose tasks' lane descriptions are reused across groups, never across calls

    @Test
    void groupedCallsOfDifferentSizesInTurnMatchTheReferenceAtAnyThreadCount() {
        // batch, image channels, response channels, height, width, groups: 8 groups of 16, F(4x4) with a ragged last
        // strip; 3 groups of 24 x 20 on odd sizes; 5 groups of 16 on 9 x 9 (F(2x2)); each call follows one of another
        // size on the same threads, with the same task numbers
        int[][] shapes = {{2, 128, 128, 23, 19, 8}, {3, 72, 60, 17, 21, 3}, {4, 80, 80, 9, 9, 5}};
        for (KernelProvider provider : Providers.all()) {
            WinogradConv winograd = new WinogradConv(provider.microKernel(), provider.vectorOps());
            List<float[]> ones = new ArrayList<>();
            for (int threads = 1; threads <= 3; threads++) {
                for (int round = 0; round < 2; round++) {
                    for (int i = 0; i < shapes.length; i++) {
                        int[] s = shapes[i];
                        ConvGeometry g = new ConvGeometry(s[0], s[5], s[1], s[2], new int[] {1, s[3], s[4]},
                                new int[] {1, s[3], s[4]}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                                new int[] {0, 1, 1});
                        // forced: the short groups on 17 x 21 (0.74 kept) dispatch to the GEMM (grp16)
                        WinogradConv.Tile tile = s[3] <= WinogradConv.SMALL_SIDE ? WinogradConv.Tile.F2 : WinogradConv.Tile.F4;
                        Random data = new Random(i);
                        float[] image = GradientChecker.random(data, g.imageSize()).data();
                        float[] weight = GradientChecker.random(data, g.weightSize()).data();
                        float[] response = Providers.atThreads(threads, () -> winograd.correlate(g, image, weight, tile));
                        if (ones.size() < shapes.length) {
                            FastConvTest.assertClose("correlate " + g, response, ReferenceConv.correlate(g, image, weight));
                            ones.add(response);
                        } else {
                            assertThat(response).as("%s at %d threads", g, threads).isEqualTo(ones.get(i));
                        }
                    }
                }
            }
        }
    }

    // ---- grp22: F(4x4)'s tasks take four strips whatever the weights' size

    @Test
    void fourByFourTasksTakeFourStripsWhateverTheWeightsSize() {
        long shortGroup = 4L * 36 * 32 * 32; // g4-3x3-28's transformed weights a group, 144 KB
        assertThat(WinogradConv.stripsPerTask(WinogradConv.Tile.F4, shortGroup)).isEqualTo(4);
        assertThat(WinogradConv.stripsPerTask(WinogradConv.Tile.F4, 64L << 20)).isEqualTo(4);
        assertThat(WinogradConv.stripsPerTask(WinogradConv.Tile.F2, shortGroup)).isEqualTo(1);
        assertThat(WinogradConv.stripsPerTask(WinogradConv.Tile.F2, 3L << 20)).isEqualTo(4);
    }

    // ---- host55: F(4×4)'s tasks of two strips and 32-row blocks where a core's L2 is large

    @Test
    void largeL2TasksAndRowBlocksGiveTheBitsOfTheFixedSizes() {
        // batch, image channels, response channels, height, width, groups: 64 and 96 response channels (two and three
        // row blocks of 32, the last of 96 whole, of 40 ragged), odd planes whose strips span images, a grouped call;
        // all wider than 16, so both instances read the input by rows (win56's gathering has its own test below)
        int[][] shapes = {{3, 64, 64, 23, 21, 1}, {2, 48, 96, 19, 17, 1}, {5, 32, 40, 14, 17, 1}, {2, 64, 64, 27, 25, 2}};
        assertLargeL2GivesTheBitsOfOneMegabyte(shapes, 550, (oneMegabyte, large, g) -> {
            assertThat(oneMegabyte.gathersInput(WinogradConv.Tile.F4, g)).isFalse();
            assertThat(large.gathersInput(WinogradConv.Tile.F4, g)).as("%s", g).isFalse();
        });
    }

    // ---- win56: F(4×4) on narrow planes gathers its input on large-L2 hosts

    @Test
    void narrowPlanesGatherTheLargeTilesInputWithTheBitsOfTheRowInput() {
        // batch, image channels, response channels, height, width, groups: 3-4 tiles a row (9-16 wide), strips across
        // images, ragged last tiles and row blocks, a grouped call; then 5 tiles a row, which reads by rows
        int[][] shapes = {{16, 64, 64, 12, 12, 1}, {15, 40, 72, 11, 11, 1}, {5, 32, 64, 14, 13, 1},
            {3, 48, 40, 13, 16, 1}, {15, 56, 56, 9, 9, 1}, {2, 64, 64, 10, 14, 2}, {2, 32, 32, 9, 17, 1}};
        assertLargeL2GivesTheBitsOfOneMegabyte(shapes, 560, (oneMegabyte, large, g) -> {
            assertThat(oneMegabyte.gathersInput(WinogradConv.Tile.F4, g)).isFalse();
            assertThat(large.gathersInput(WinogradConv.Tile.F4, g)).as("%s", g).isEqualTo(g.response()[2] <= 16);
        });
    }

    /** Checks which input form each instance takes for a shape before its bits are compared. */
    private interface InputFormCheck {
        void check(WinogradConv oneMegabyte, WinogradConv large, ConvGeometry g);
    }

    /**
     * F(4×4)'s forward and input gradient on each {batch, image channels, response channels, height, width, groups}
     * 3×3 shape: a large-L2 instance at 1 and 2 threads gives the bits of a 1 MB one at 1 thread (whose forward is
     * checked near the reference loops).
     */
    private static void assertLargeL2GivesTheBitsOfOneMegabyte(int[][] shapes, int seed, InputFormCheck inputForms) {
        for (KernelProvider provider : Providers.all()) {
            WinogradConv oneMegabyte = new WinogradConv(provider.microKernel(), provider.vectorOps(), true, 1L << 20);
            WinogradConv large = new WinogradConv(provider.microKernel(), provider.vectorOps(), true,
                    WinogradConv.LARGE_L2_BYTES);
            for (int i = 0; i < shapes.length; i++) {
                int[] s = shapes[i];
                ConvGeometry g = new ConvGeometry(s[0], s[5], s[1], s[2], new int[] {1, s[3], s[4]},
                        new int[] {1, s[3], s[4]}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                        new int[] {0, 1, 1});
                inputForms.check(oneMegabyte, large, g);
                ConvGeometry flipped = ConvDispatch.flipped(g);
                Random data = new Random(seed + i);
                float[] image = GradientChecker.random(data, g.imageSize()).data();
                float[] weight = GradientChecker.random(data, g.weightSize()).data();
                float[] response = GradientChecker.random(data, g.responseSize()).data();
                float[] flippedWeight = FastConv.flipTransposed(g, weight);
                float[] forward = Providers.atThreads(1,
                        () -> oneMegabyte.correlate(g, image, weight, WinogradConv.Tile.F4));
                float[] scatter = Providers.atThreads(1,
                        () -> oneMegabyte.correlate(flipped, response, flippedWeight, WinogradConv.Tile.F4));
                FastConvTest.assertClose("correlate " + g, forward, ReferenceConv.correlate(g, image, weight));
                for (int threads = 1; threads <= 2; threads++) {
                    assertThat(Providers.atThreads(threads, () -> large.correlate(g, image, weight, WinogradConv.Tile.F4)))
                            .as("%s, %s at %d threads", g, provider, threads).isEqualTo(forward);
                    assertThat(Providers.atThreads(threads,
                            () -> large.correlate(flipped, response, flippedWeight, WinogradConv.Tile.F4)))
                            .as("scatter %s, %s at %d threads", g, provider, threads).isEqualTo(scatter);
                }
            }
        }
    }

    @Test
    void groupedFourByFourTasksOfSeveralStripsMatchTheReferenceAtAnyThreadCount() {
        // batch, image channels, response channels, height, width, groups: 2-8 groups of 8-64 channels on odd and even
        // planes, batches 1, 2 and 5, so that tasks of four strips end ragged, strips cross images and a call has
        // fewer strips than four a thread
        int[][] shapes = {{5, 128, 128, 28, 28, 4}, {2, 64, 64, 27, 25, 2}, {1, 64, 64, 31, 29, 8},
            {5, 24, 48, 19, 23, 3}, {2, 128, 64, 16, 20, 2}};
        for (KernelProvider provider : Providers.all()) {
            WinogradConv winograd = new WinogradConv(provider.microKernel(), provider.vectorOps());
            for (int i = 0; i < shapes.length; i++) {
                int[] s = shapes[i];
                ConvGeometry g = new ConvGeometry(s[0], s[5], s[1], s[2], new int[] {1, s[3], s[4]},
                        new int[] {1, s[3], s[4]}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                        new int[] {0, 1, 1});
                Random data = new Random(220 + i);
                float[] image = GradientChecker.random(data, g.imageSize()).data();
                float[] weight = GradientChecker.random(data, g.weightSize()).data();
                float[] one = Providers.atThreads(1, () -> winograd.correlate(g, image, weight, WinogradConv.Tile.F4));
                FastConvTest.assertClose("correlate " + g, one, ReferenceConv.correlate(g, image, weight));
                for (int threads = 2; threads <= 3; threads++) {
                    assertThat(Providers.atThreads(threads, () -> winograd.correlate(g, image, weight, WinogradConv.Tile.F4)))
                            .as("%s, %s at %d threads", g, provider, threads).isEqualTo(one);
                }
            }
        }
    }

    // ---- grp16: short groups run F(4x4) only on planes it tiles well

    @Test
    void shortGroupsRunTheGemmOnPlanesFourByFourTilesCoverPoorly() {
        // batch, image channels, response channels, side, groups -> F(4x4) or the GEMM (null)
        Object[][] cases = {
            {8, 128, 128, 14, 4, null},                 // 32 a group, 0.77 of 16 x 16 kept
            {8, 256, 256, 14, 8, null},
            {8, 32, 32, 17, 1, null},                   // 0.72 kept
            {4, 128, 128, 23, 8, WinogradConv.Tile.F4}, // 16 a group, 0.92 kept
            {8, 64, 64, 24, 2, WinogradConv.Tile.F4},   // 36 whole tiles
            {8, 128, 128, 28, 4, WinogradConv.Tile.F4}, // g4-3x3-28: 7 x 7 whole tiles
            {4, 128, 128, 27, 4, WinogradConv.Tile.F4}, // 0.93 kept
            {8, 64, 64, 56, 4, WinogradConv.Tile.F4},   // 16 a group, 196 whole tiles
            {8, 48, 48, 30, 2, WinogradConv.Tile.F4},   // 24 a group, 0.88 kept
            {8, 64, 64, 21, 2, null},                   // 0.77 kept
            {2, 96, 96, 29, 4, null},                   // 24 a group, 0.82 kept
            {8, 96, 96, 14, 2, WinogradConv.Tile.F4},   // 48 a group: not short
            {8, 32, 64, 14, 1, WinogradConv.Tile.F4},   // 64 response channels: not short
            {8, 256, 256, 11, 8, null},                 // grp20: grouped short groups on small responses, the GEMM
            {8, 128, 128, 7, 8, null},                  // 16 a group on 7 x 7
            {8, 64, 64, 9, 2, null},                    // 32 a group on 9 x 9
            {8, 32, 32, 9, 1, WinogradConv.Tile.F2},    // one group of 32: F(2x2) as before
            {8, 96, 96, 11, 2, WinogradConv.Tile.F2},   // 48 a group: not short
        };
        for (Object[] c : cases) {
            int side = (Integer) c[3];
            ConvGeometry g = new ConvGeometry((Integer) c[0], (Integer) c[4], (Integer) c[1], (Integer) c[2],
                    new int[] {1, side, side}, new int[] {1, side, side}, new int[] {1, 3, 3}, new int[] {1, 1, 1},
                    new int[] {1, 1, 1}, new int[] {0, 1, 1});
            assertThat(WinogradConv.tile(g)).as("%s", g).isEqualTo(c[5]);
            // the input gradient of these square, padded shapes is the same correlation
            assertThat(WinogradConv.tile(ConvDispatch.flipped(g))).as("flipped %s", g).isEqualTo(c[5]);
            assertThat(new ConvDispatch(KernelProvider.scalar(), 0).path(g, ConvDispatch.Pass.CORRELATE))
                    .isEqualTo(c[5] == null ? ConvDispatch.Path.GEMM : ConvDispatch.Path.WINOGRAD);
        }
        // where the GEMM runs, the dispatch's bits are the GEMM's, and close to the reference
        ConvGeometry g = new ConvGeometry(2, 4, 128, 128, new int[] {1, 14, 13}, new int[] {1, 14, 13},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        for (KernelProvider provider : Providers.all()) {
            Random r = new Random(16);
            float[] image = GradientChecker.random(r, g.imageSize()).data();
            float[] weight = GradientChecker.random(r, g.weightSize()).data();
            float[] response = new ConvDispatch(provider, 0).correlate(g, image, weight);
            assertThat(response).isEqualTo(new FastConv(provider.microKernel(), provider.vectorOps()).correlate(g, image, weight));
            FastConvTest.assertClose("correlate " + g, response, ReferenceConv.correlate(g, image, weight));
        }
    }

    /**
     * c2i51: the F(3×3) / F(4×4) row input's phase split puts padded column p of block row b at
     * (p % m) * phaseFloats + b * half + p / m, for every left padding (beyond m too), width (shorter than the first
     * group too) and both m, and leaves the rest of the block and the rows without a source as they were.
     */
    @Test
    void thePhaseSplitPutsEveryColumnWhereItsPhaseAndIndexSay() {
        int blockRows = 3;
        int channel = 5;
        for (int m = 3; m <= 4; m++) {
            for (int padLeft = 0; padLeft < 10; padLeft++) {
                for (int copied = 0; copied < 24; copied++) {
                    int half = (padLeft + copied) / m + 2;
                    int phaseFloats = blockRows * half + 3;
                    float[] image = new float[channel + blockRows * Math.max(1, copied)];
                    for (int i = 0; i < image.length; i++) {
                        image[i] = 1 + i;
                    }
                    int[] runs = {9, 0, -1, 2 * copied}; // the sources from 1; block row 1 has none (padding)
                    float[] block = new float[m * phaseFloats];
                    java.util.Arrays.fill(block, -7f);
                    float[] expected = block.clone();
                    for (int b = 0; b < blockRows; b++) {
                        for (int x = 0; b != 1 && x < copied; x++) {
                            int p = padLeft + x;
                            expected[(p % m) * phaseFloats + b * half + p / m] = image[channel + runs[1 + b] + x];
                        }
                    }
                    WinogradFiveInput.splitPhases(m, image, channel, runs, 1, blockRows, block, half, phaseFloats,
                            padLeft, copied);
                    assertThat(block).as("m %d, padding %d, %d columns", m, padLeft, copied).isEqualTo(expected);
                }
            }
        }
    }
}
