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
 * The phase-split 3×3 stride-2 path ({@link PhaseSplitConv}) against the reference loops, on the scalar and the
 * Vector API micro-kernels: odd and even sizes (57×57 among them), paddings 0-2 on each side, planes narrower
 * than a vector, channel counts off the register tile; and bitwise equality across thread counts.
 */
class PhaseSplitConvTest {
    /** A 3×3 stride-2 geometry: image h × w, padding before (top, left) and after (bottom, right). */
    static ConvGeometry geometry(int n, int cin, int cout, int h, int w, int pt, int pl, int pb, int pr) {
        int oh = (h + pt + pb - 3) / 2 + 1;
        int ow = (w + pl + pr - 3) / 2 + 1;
        return new ConvGeometry(n, 1, cin, cout, new int[] {1, h, w}, new int[] {1, oh, ow}, new int[] {1, 3, 3},
                new int[] {1, 2, 2}, new int[] {1, 1, 1}, new int[] {0, pt, pl});
    }

    static List<ConvGeometry> shapes() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(geometry(2, 5, 9, 57, 57, 1, 1, 1, 1));   // odd, the held-out size
        list.add(geometry(1, 8, 16, 56, 56, 1, 1, 1, 1));  // even
        list.add(geometry(3, 3, 7, 7, 5, 0, 0, 0, 0));     // narrower than a vector, no padding
        list.add(geometry(1, 17, 33, 10, 13, 2, 1, 0, 2)); // padding differing per side, 2 on a side
        list.add(geometry(2, 4, 40, 3, 4, 1, 1, 1, 1));    // one or two response rows
        list.add(geometry(1, 30, 12, 40, 3, 1, 0, 1, 1));  // a tall narrow image: several row runs
        // s2fwd12, kept columns: response rows exactly a vector wide (strips cut two rows a half), and one past,
        // several tiles an image, the last strip past the image's end
        list.add(geometry(1, 6, 11, 70, 31, 1, 1, 1, 1));  // 35 × 16
        list.add(geometry(2, 7, 9, 61, 34, 0, 1, 1, 0));   // 30 × 17
        list.add(geometry(1, 5, 10, 48, 17, 2, 2, 1, 0));  // 24 × 9: the scalar kernel's half strip, Panama's old path
        // s2bwd13, the input gradient's response rows with one trailing zero (column -1 of the next row): even and
        // odd widths, padding 3 (the phases read a column past the row), right-only padding
        list.add(geometry(1, 6, 10, 31, 31, 3, 3, 3, 3));
        list.add(geometry(2, 5, 9, 40, 38, 0, 0, 2, 2));
        list.add(geometry(1, 4, 7, 35, 36, 1, 2, 0, 1));
        Random r = new Random(7);
        for (int i = 0; i < 8; i++) {
            int pt = r.nextInt(3);
            int pl = r.nextInt(3);
            list.add(geometry(1 + r.nextInt(3), 1 + r.nextInt(40), 1 + r.nextInt(40), 3 + r.nextInt(40),
                    3 + r.nextInt(40), pt, pl, r.nextInt(3), r.nextInt(3)));
        }
        return list;
    }

    @TestFactory
    List<DynamicTest> phasesMatchTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch fast = new ConvDispatch(provider, 0, false); // the exact path: the forward would run s2w15's strided Winograd
            for (ConvGeometry g : shapes()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + describe(g), () -> {
                    assertThat(fast.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
                    assertThat(fast.path(g, ConvDispatch.Pass.SCATTER)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
                    assertThat(fast.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
                    Random r = new Random(g.imageSize());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    FastConvTest.assertClose("correlate", fast.correlate(g, image, weight),
                            ReferenceConv.correlate(g, image, weight));
                    FastConvTest.assertClose("scatter", fast.scatter(g, response, weight),
                            ReferenceConv.scatter(g, response, weight));
                    FastConvTest.assertClose("weightGradient", fast.weightGradient(g, image, response),
                            ReferenceConv.weightGradient(g, image, response));
                }));
            }
        }
        return tests;
    }

    /** Both weight-gradient paths (s2conv9): the packed GEMM the dispatch picks, and the dots past its memory cap. */
    @TestFactory
    List<DynamicTest> bothWeightGradientPathsMatchTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        List<ConvGeometry> shapes = shapes();
        shapes.add(geometry(1, 3, 5, 9, 9, 1, 1, 1, 1)); // one image, response channels off the 4 × 4 dot blocks
        // s2b30: response strips transposed by 16 × 16 blocks: 32 × 32 positions (rows 4 kB apart), and 70 channels
        // (two whole strips, a ragged one) on runs of 252 positions (the last block overlapping the one before)
        shapes.add(geometry(2, 3, 64, 63, 63, 1, 1, 1, 1));
        shapes.add(geometry(1, 5, 70, 41, 41, 1, 1, 1, 1));
        for (KernelProvider provider : Providers.all()) {
            if (!provider.fast()) {
                continue;
            }
            PhaseSplitWeightGradient wg = new PhaseSplitWeightGradient(provider.microKernel(), provider.vectorOps());
            for (ConvGeometry g : shapes) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + describe(g), () -> {
                    Random r = new Random(g.imageSize() + 1);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] expected = ReferenceConv.weightGradient(g, image, response);
                    FastConvTest.assertClose("packed", wg.weightGradientPacked(g, image, response), expected);
                    FastConvTest.assertClose("dots", wg.weightGradientDots(g, image, response), expected);
                    // the packed GEMM's two forms (tap rows in place, taps gathered) sum the same products in order
                    float[] tapRows = wg.weightGradientTapRows(g, image, response);
                    FastConvTest.assertClose("tap rows", tapRows, expected);
                    assertThat(wg.weightGradientTapsGathered(g, image, response)).containsExactly(tapRows);
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] packed1 = wg.weightGradientPacked(g, image, response);
                        float[] dots1 = wg.weightGradientDots(g, image, response);
                        Parallel.setThreads(2);
                        assertThat(wg.weightGradientPacked(g, image, response)).containsExactly(packed1);
                        assertThat(wg.weightGradientDots(g, image, response)).containsExactly(dots1);
                        Parallel.setThreads(3); // s2b23: the response rows read in place, three threads' blocks
                        assertThat(wg.weightGradientTapsGathered(g, image, response)).containsExactly(packed1);
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * s2bwd18: the packed weight gradient's scratch (phase planes, padded channels, tap strips, its tile) is reused
     * across calls, so a kept tap must never read a cell left from an earlier call: each shape runs right after a
     * larger call on a NaN image has filled the scratch with NaN, and still matches the reference.
     */
    @Test
    void packedWeightGradientReadsNoStaleScratch() {
        ConvGeometry poison = geometry(2, 24, 40, 56, 56, 1, 1, 1, 1);
        float[] nanImage = new float[poison.imageSize()];
        java.util.Arrays.fill(nanImage, Float.NaN);
        float[] poisonResponse = new float[poison.responseSize()];
        java.util.Arrays.fill(poisonResponse, 1f);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1); // one thread: the caller's scratch, shared by both calls
            for (KernelProvider provider : Providers.all()) {
                PhaseSplitWeightGradient wg = new PhaseSplitWeightGradient(provider.microKernel(), provider.vectorOps());
                for (ConvGeometry g : shapes()) {
                    Random r = new Random(g.imageSize() + 2);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    assertThat(wg.weightGradientPacked(poison, nanImage, poisonResponse)).containsOnly(Float.NaN);
                    FastConvTest.assertClose(provider.name() + " " + describe(g), wg.weightGradientPacked(g, image, response),
                            ReferenceConv.weightGradient(g, image, response));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * s2b59: the packed weight gradients take dW unzeroed ({@code Storage.floats}), so every weight must be written by
     * its column block: with every array the storage source lends filled with NaN first, each shape (tap rows and
     * gathered taps, one to three threads) still matches the reference; a weight no block wrote stays NaN.
     */
    @Test
    void packedWeightGradientWritesEveryWeight() {
        dev.convkit.core.tensor.Storage.Source nanFilled = new dev.convkit.core.tensor.Storage.Source() {
            @Override
            public float[] floats(int n) {
                float[] a = new float[n];
                java.util.Arrays.fill(a, Float.NaN);
                return a;
            }

            @Override
            public int[] ints(int n) {
                return new int[n];
            }
        };
        List<ConvGeometry> shapes = new ArrayList<>(shapes());
        shapes.add(geometry(2, 40, 72, 69, 69, 1, 1, 1, 1)); // rows of 35: the tap rows, several column blocks
        shapes.add(geometry(1, 48, 80, 45, 45, 1, 1, 1, 1)); // rows of 23: the gathered taps (NR 32), several column blocks
        int before = Parallel.threads();
        try (dev.convkit.core.tensor.Storage.Scope scope = dev.convkit.core.tensor.Storage.use(nanFilled)) {
            for (KernelProvider provider : Providers.all()) {
                PhaseSplitWeightGradient wg = new PhaseSplitWeightGradient(provider.microKernel(), provider.vectorOps());
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    for (ConvGeometry g : shapes) {
                        Random r = new Random(g.imageSize() + 5);
                        float[] image = GradientChecker.random(r, g.imageSize()).data();
                        float[] response = GradientChecker.random(r, g.responseSize()).data();
                        FastConvTest.assertClose(provider.name() + " " + threads + "t " + describe(g),
                                wg.weightGradientPacked(g, image, response), ReferenceConv.weightGradient(g, image, response));
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * s2b60: on a large L2 the 3×3 weight gradient gathers its taps at every width, with the tap rows' bits, and the
     * dispatch built for that L2 gives them; on a smaller L2 rows of a vector or more keep the tap rows; past 3×3 the
     * tap rows at any L2.
     */
    @Test
    void largeL2GathersTheTapsAtEveryWidth() {
        for (KernelProvider provider : Providers.all()) {
            if (!provider.fast()) {
                continue;
            }
            int nr = provider.microKernel().nr();
            PhaseSplitWeightGradient large = new PhaseSplitWeightGradient(provider.microKernel(), provider.vectorOps(),
                    WinogradConv.LARGE_L2_BYTES);
            PhaseSplitWeightGradient small = new PhaseSplitWeightGradient(provider.microKernel(), provider.vectorOps(),
                    WinogradConv.LARGE_L2_BYTES / 2);
            ConvGeometry wide = geometry(2, 5, 40, 2 * nr + 5, 2 * nr + 5, 1, 1, 1, 1); // rows of nr + 3
            ConvGeometry narrow = geometry(2, 5, 40, nr - 1, nr - 1, 1, 1, 1, 1);
            ConvGeometry fiveByFive = new ConvGeometry(1, 1, 4, 8, new int[] {1, 2 * nr + 5, 2 * nr + 5},
                    new int[] {1, nr + 3, nr + 3}, new int[] {1, 5, 5}, new int[] {1, 2, 2}, new int[] {1, 1, 1},
                    new int[] {0, 2, 2});
            assertThat(large.gathersTaps(wide)).as(provider.name()).isTrue();
            assertThat(small.gathersTaps(wide)).as(provider.name()).isFalse();
            assertThat(large.gathersTaps(narrow)).isTrue();
            assertThat(small.gathersTaps(narrow)).isTrue();
            assertThat(large.gathersTaps(fiveByFive)).isFalse();
            Random r = new Random(7);
            float[] image = GradientChecker.random(r, wide.imageSize()).data();
            float[] response = GradientChecker.random(r, wide.responseSize()).data();
            float[] tapRows = small.weightGradientPacked(wide, image, response);
            FastConvTest.assertClose(provider.name(), tapRows, ReferenceConv.weightGradient(wide, image, response));
            assertThat(large.weightGradientPacked(wide, image, response)).containsExactly(tapRows);
            ConvDispatch largeDispatch = new ConvDispatch(provider, 0, true, WinogradConv.LARGE_L2_BYTES);
            ConvDispatch smallDispatch = new ConvDispatch(provider, 0, true, WinogradConv.LARGE_L2_BYTES / 2);
            assertThat(largeDispatch.phaseSplitWeightGradient.gathersTaps(wide)).as("the dispatch's L2").isTrue();
            assertThat(smallDispatch.phaseSplitWeightGradient.gathersTaps(wide)).as("the dispatch's L2").isFalse();
            assertThat(largeDispatch.weightGradient(wide, image, response)).containsExactly(tapRows);
            assertThat(smallDispatch.weightGradient(wide, image, response)).containsExactly(tapRows);
        }
    }

    /** s2bwd13: at more than one thread the weight gradient's column strips fall evenly on the threads where they can. */
    @Test
    void weightGradientColumnBlocksAreEvenPerThread() {
        assertThat(PhaseSplitWeightGradient.columnBlocks(18, 576, 1)).isEqualTo(3); // one thread: as before
        assertThat(PhaseSplitWeightGradient.columnBlocks(5, 144, 1)).isEqualTo(2);
        assertThat(PhaseSplitWeightGradient.columnBlocks(1, 27, 2)).isEqualTo(1);
        assertThat(PhaseSplitWeightGradient.columnBlocks(18, 576, 2)).isEqualTo(6); // r3x3-s2: 3 blocks of 3 strips a thread (par15)
        assertThat(PhaseSplitWeightGradient.columnBlocks(100, 3200, 2)).isEqualTo(8); // 4 a thread: at most 16 strips a block
        for (int threads = 2; threads <= 4; threads++) {
            for (int strips = threads; strips <= 200; strips++) {
                int blocks = PhaseSplitWeightGradient.columnBlocks(strips, strips * 32, threads);
                assertThat(blocks % threads).isZero();
                assertThat((strips + blocks - 1) / blocks).isLessThanOrEqualTo(PhaseSplitWeightGradient.MAX_BLOCK_STRIPS);
                assertThat(blocks).isLessThanOrEqualTo(strips)
                        .isGreaterThanOrEqualTo(Math.min(PhaseSplitWeightGradient.BLOCKS_PER_THREAD, strips / threads) * threads);
            }
        }
    }

    @Test
    void bitsDoNotDependOnTheThreadCount() {
        ConvGeometry g = geometry(3, 24, 40, 29, 31, 1, 1, 1, 0);
        Random r = new Random(3);
        float[] image = GradientChecker.random(r, g.imageSize()).data();
        float[] weight = GradientChecker.random(r, g.weightSize()).data();
        float[] response = GradientChecker.random(r, g.responseSize()).data();
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch fast = new ConvDispatch(provider, 0, false); // the exact path: the forward would run s2w15's strided Winograd
                Parallel.setThreads(1);
                float[] y1 = fast.correlate(g, image, weight);
                float[] dx1 = fast.scatter(g, response, weight);
                float[] dw1 = fast.weightGradient(g, image, response);
                for (int threads : new int[] {2, 3}) {
                    Parallel.setThreads(threads);
                    assertThat(fast.correlate(g, image, weight)).as(provider.name()).containsExactly(y1);
                    assertThat(fast.scatter(g, response, weight)).as(provider.name()).containsExactly(dx1);
                    assertThat(fast.weightGradient(g, image, response)).as(provider.name()).containsExactly(dw1);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * s2g49: at more than one thread a one-image scatter of few tiles takes the next tile count that deals them out
     * evenly, where each tile keeps its multiply-adds; one thread, batches, and images of tiles enough keep theirs.
     */
    @Test
    void scatterTilesFallEvenlyOnTheThreadsWhenFew() {
        long oneImage65 = 64L * 128 * 33 * 33 * 9; // 1×64×65² -> 128 p1: 33 row pairs of 33 columns, 15 a tile
        assertThat(PhaseSplitConv.scatterTiles(33, 15, 1, 1, oneImage65)).isEqualTo(3);
        assertThat(PhaseSplitConv.scatterTiles(33, 15, 1, 2, oneImage65)).isEqualTo(4);
        assertThat(PhaseSplitConv.scatterTiles(29, 17, 8, 2, 8 * 64L * 128 * 28 * 28 * 9)).isEqualTo(2); // r3x3-s2: 16 tasks
        assertThat(PhaseSplitConv.scatterTiles(14, 36, 1, 2, 64L * 128 * 14 * 14 * 9)).isEqualTo(1); // 27²: too little to split
        assertThat(PhaseSplitConv.scatterTiles(15, 34, 3, 2, 3 * 160L * 160 * 15 * 15 * 9)).isEqualTo(1); // h49-3img-29: batches keep theirs
        long plenty = 1L << 40;
        for (int threads = 1; threads <= 4; threads++) {
            for (int batch = 1; batch <= 8; batch++) {
                for (int pairs = 1; pairs <= 60; pairs++) {
                    for (int perTile = 1; perTile <= 40; perTile++) {
                        int base = (pairs + perTile - 1) / perTile;
                        int tiles = PhaseSplitConv.scatterTiles(pairs, perTile, batch, threads, plenty);
                        if (threads == 1 || batch > 1 || base >= PhaseSplitConv.FEW_TASKS_PER_THREAD * threads) {
                            assertThat(tiles).isEqualTo(base);
                        } else if (tiles != base) {
                            assertThat(tiles).isGreaterThan(base).isLessThanOrEqualTo(pairs);
                            assertThat(batch * tiles % threads).isZero();
                        }
                        assertThat(PhaseSplitConv.scatterTiles(pairs, perTile, batch, threads, 0)).isEqualTo(base);
                    }
                }
            }
        }
    }

    /**
     * s2g49: one image whose scatter takes an extra tile at two threads (1×64×65² -> 128 p1: 3 tiles, 4 at two) and
     * whose weight gradient's response transpose splits by runs: the bits of one thread at two and three.
     */
    @Test
    void oneImageSplitsKeepTheBitsOfOneThread() {
        ConvGeometry g = geometry(1, 64, 128, 65, 65, 1, 1, 1, 1);
        assertThat(PhaseSplitConv.scatterTiles(33, FastConv.NT / 33, 1, 2, g.macs())).isEqualTo(4);
        Random r = new Random(49);
        float[] image = GradientChecker.random(r, g.imageSize()).data();
        float[] weight = GradientChecker.random(r, g.weightSize()).data();
        float[] response = GradientChecker.random(r, g.responseSize()).data();
        float[] expected = ReferenceConv.scatter(g, response, weight);
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                if (!provider.fast()) {
                    continue;
                }
                ConvDispatch fast = new ConvDispatch(provider, 0, false);
                assertThat(fast.path(g, ConvDispatch.Pass.SCATTER)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
                Parallel.setThreads(1);
                float[] dx1 = fast.scatter(g, response, weight);
                float[] dw1 = fast.weightGradient(g, image, response);
                FastConvTest.assertClose(provider.name() + " scatter", dx1, expected);
                for (int threads : new int[] {2, 3}) {
                    Parallel.setThreads(threads);
                    assertThat(fast.scatter(g, response, weight)).as(provider.name()).containsExactly(dx1);
                    assertThat(fast.weightGradient(g, image, response)).as(provider.name()).containsExactly(dw1);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * s2b56: a 3×3 kernel's four sub-kernels packed a strip at once hold what the phase-at-a-time pack writes, bit for
     * bit, ragged last strips (zero rows) included; every float of the packed array written (NaN-filled before).
     */
    @Test
    void threeByThreeSubKernelPackMatchesThePhaseAtATimePack() {
        for (KernelProvider provider : Providers.all()) {
            PhaseSplitConv conv = new PhaseSplitConv(provider.microKernel(), provider.vectorOps());
            int mr = provider.microKernel().mr();
            for (int cin : new int[] {1, 5, mr, 17, 30, 64}) {
                for (int m : new int[] {1, 3, 7, 16}) {
                    Random r = new Random(31 * cin + m);
                    float[] weight = GradientChecker.random(r, m * cin * 9).data();
                    int mp = (cin + mr - 1) / mr * mr;
                    int[] aOff = new int[5];
                    int[] tapsOfPhase = {4, 2, 2, 1};
                    for (int ph = 0; ph < 4; ph++) {
                        aOff[ph + 1] = aOff[ph] + mp * m * tapsOfPhase[ph];
                    }
                    float[] byPhase = new float[aOff[4]];
                    float[] byStrip = new float[aOff[4]];
                    java.util.Arrays.fill(byPhase, Float.NaN);
                    java.util.Arrays.fill(byStrip, Float.NaN);
                    for (int s = 0; s < mp / mr; s++) {
                        for (int ph = 0; ph < 4; ph++) {
                            conv.packSubKernel(weight, cin, m, 3, 3, ph >> 1, ph & 1, s, byPhase, aOff[ph]);
                        }
                        conv.packSubKernels3x3(weight, cin, m, s, byStrip, aOff);
                    }
                    for (int i = 0; i < byPhase.length; i++) {
                        assertThat(Float.isNaN(byStrip[i])).as("unwritten " + i).isFalse();
                        assertThat(Float.floatToRawIntBits(byStrip[i]))
                                .as(provider.name() + " cin " + cin + " m " + m + " at " + i)
                                .isEqualTo(Float.floatToRawIntBits(byPhase[i]));
                    }
                }
            }
        }
    }

    /** The row weaves of s2conv10 on every provider, every length to past two vectors, at odd offsets. */
    @Test
    void interleaveAndSplitMatchPlainLoops() {
        for (KernelProvider provider : Providers.all()) {
            dev.convkit.core.kernels.VectorOps ops = provider.vectorOps();
            for (int n = 0; n < 70; n++) {
                float[] x = new float[2 * n + 3];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i + 0.5f;
                }
                float[] even = new float[n + 2];
                float[] odd = new float[n + 5];
                ops.splitEvenOdd(x, 3, even, 1, odd, 4, n);
                float[] woven = new float[2 * n + 1];
                ops.interleave2(even, 1, odd, 4, woven, 1, n);
                for (int k = 0; k < n; k++) {
                    assertThat(even[1 + k]).as(provider.name() + " n " + n).isEqualTo(x[3 + 2 * k]);
                    assertThat(odd[4 + k]).as(provider.name() + " n " + n).isEqualTo(x[4 + 2 * k]);
                    assertThat(woven[1 + 2 * k]).isEqualTo(x[3 + 2 * k]);
                    assertThat(woven[2 + 2 * k]).isEqualTo(x[4 + 2 * k]);
                }
            }
        }
    }

    /**
     * k5s26: splitEvenOdd with room past the rows (the phase split's scratch), so the vector version's short and
     * moved-back blocks run: every pair where it belongs, the floats past n in each destination still what they held.
     */
    @Test
    void splitEvenOddWithRoomKeepsTheFloatsPastTheRow() {
        for (KernelProvider provider : Providers.all()) {
            dev.convkit.core.kernels.VectorOps ops = provider.vectorOps();
            for (int n = 0; n < 70; n++) {
                float[] x = new float[2 * n + 80];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i + 0.5f;
                }
                float[] even = new float[n + 70];
                float[] odd = new float[n + 70];
                for (int i = 0; i < even.length; i++) {
                    even[i] = -1 - i;
                    odd[i] = -1000 - i;
                }
                ops.splitEvenOdd(x, 3, even, 1, odd, 4, n);
                for (int k = 0; k < n; k++) {
                    assertThat(even[1 + k]).as(provider.name() + " n " + n).isEqualTo(x[3 + 2 * k]);
                    assertThat(odd[4 + k]).as(provider.name() + " n " + n).isEqualTo(x[4 + 2 * k]);
                }
                for (int i = 1 + n; i < even.length; i++) {
                    assertThat(even[i]).as(provider.name() + " n " + n + " past " + i).isEqualTo(-1f - i);
                }
                for (int i = 4 + n; i < odd.length; i++) {
                    assertThat(odd[i]).as(provider.name() + " n " + n + " past " + i).isEqualTo(-1000f - i);
                }
                assertThat(even[0]).isEqualTo(-1f);
                assertThat(odd[3]).isEqualTo(-1003f);
            }
        }
    }

    private static String describe(ConvGeometry g) {
        return "N" + g.batch() + " " + g.imageChannels() + "->" + g.responseChannels() + " " + g.image()[1] + "x"
                + g.image()[2] + " pad " + g.padLeft()[1] + "," + g.padLeft()[2] + " out " + g.response()[1] + "x"
                + g.response()[2];
    }
}
