package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The strided F(2×2, 3×3) forward ({@link StridedWinogradConv}, s2w15) against the reference loops on the scalar and
 * the Vector API micro-kernels, forced on every shape (below its channel minimum too): odd and even sizes, paddings
 * 0-2 on each side, ragged last tile rows and columns, tiles crossing strips and image ends, channel counts off the
 * register tile; bitwise equal at 1, 2 and 3 threads; and the dispatch that chooses it.
 */
class StridedWinogradConvTest {
    static List<ConvGeometry> shapes() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(PhaseSplitConvTest.geometry(2, 16, 24, 57, 57, 1, 1, 1, 1)); // odd: 29 × 29, ragged last tiles
        list.add(PhaseSplitConvTest.geometry(1, 16, 16, 56, 56, 1, 1, 1, 1)); // even: 28 × 28
        list.add(PhaseSplitConvTest.geometry(3, 5, 7, 7, 5, 0, 0, 0, 0));     // narrower than a strip, no padding
        list.add(PhaseSplitConvTest.geometry(1, 17, 33, 10, 13, 2, 1, 0, 2)); // padding differing per side, 2 on a side
        list.add(PhaseSplitConvTest.geometry(2, 4, 40, 3, 4, 1, 1, 1, 1));    // one or two response rows
        list.add(PhaseSplitConvTest.geometry(1, 30, 12, 40, 3, 1, 0, 1, 1));  // one response column
        list.add(PhaseSplitConvTest.geometry(2, 9, 20, 33, 31, 2, 2, 2, 2));  // padding 2: tiles past both borders
        list.add(PhaseSplitConvTest.geometry(3, 20, 17, 25, 27, 0, 0, 0, 0)); // 12 × 13, no padding
        list.add(PhaseSplitConvTest.geometry(1, 3, 32, 225, 225, 1, 1, 1, 1)); // 113 × 113: many strips
        Random r = new Random(15);
        for (int i = 0; i < 8; i++) {
            list.add(PhaseSplitConvTest.geometry(1 + r.nextInt(3), 1 + r.nextInt(40), 1 + r.nextInt(40),
                    3 + r.nextInt(40), 3 + r.nextInt(40), r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3)));
        }
        return list;
    }

    @TestFactory
    List<DynamicTest> forcedMatchesTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            StridedWinogradConv strided = new StridedWinogradConv(provider.microKernel(), provider.vectorOps());
            for (ConvGeometry g : shapes()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    Random r = new Random(g.imageSize());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] one = Providers.atThreads(1, () -> strided.correlate(g, image, weight));
                    WinogradConvTest.assertWithinTolerance("correlate " + g, one,
                            ReferenceConv.correlate(g, image, weight), 0.25);
                    assertThat(Providers.atThreads(2, () -> strided.correlate(g, image, weight))).isEqualTo(one);
                    assertThat(Providers.atThreads(3, () -> strided.correlate(g, image, weight))).isEqualTo(one);
                    assertThat(strided.correlate(g, image, weight)).isEqualTo(one); // a second call, scratch reused
                }));
            }
        }
        return tests;
    }

    /**
     * s2f56: the instance for a 2 MB L2, whose tasks read their image and response rows ahead, gives the bits of the
     * 1 MB one at 1 and 2 threads: strips across images, a ragged last tile row, padding 2, 64 channels, and tile rows
     * of several chunks (a 66-wide response: tasks starting mid-row). The read-ahead only reads, so this is above all
     * a bounds test: a read past a plane or the batch throws.
     */
    @Test
    void readingAheadOnALargeL2KeepsTheBits() {
        List<ConvGeometry> shapes = List.of(PhaseSplitConvTest.geometry(3, 64, 72, 29, 29, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(2, 24, 40, 33, 31, 2, 2, 2, 2),
                PhaseSplitConvTest.geometry(1, 17, 33, 10, 13, 2, 1, 0, 2),
                PhaseSplitConvTest.geometry(2, 16, 16, 9, 131, 1, 1, 1, 1));
        for (KernelProvider provider : Providers.all()) {
            StridedWinogradConv small = new StridedWinogradConv(provider.microKernel(), provider.vectorOps(), 1L << 20);
            StridedWinogradConv large = new StridedWinogradConv(provider.microKernel(), provider.vectorOps(),
                    WinogradConv.LARGE_L2_BYTES);
            for (ConvGeometry g : shapes) {
                Random r = new Random(56 + g.imageSize());
                float[] image = GradientChecker.random(r, g.imageSize()).data();
                float[] weight = GradientChecker.random(r, g.weightSize()).data();
                float[] one = Providers.atThreads(1, () -> small.correlate(g, image, weight));
                WinogradConvTest.assertWithinTolerance("correlate " + g, one, ReferenceConv.correlate(g, image, weight),
                        0.25);
                for (int threads = 1; threads <= 2; threads++) {
                    assertThat(Providers.atThreads(threads, () -> large.correlate(g, image, weight)))
                            .as("%s, %s at %d threads", g, provider, threads).isEqualTo(one);
                }
            }
        }
    }

    /** s2f256: 16-column strips (AVX2) read ahead at any L2; 32-column ones only on a large L2. */
    @Test
    void sixteenColumnStripsReadAhead() {
        for (KernelProvider provider : Providers.all()) {
            StridedWinogradConv small = new StridedWinogradConv(provider.microKernel(), provider.vectorOps(), 1L << 20);
            StridedWinogradConv large = new StridedWinogradConv(provider.microKernel(), provider.vectorOps(),
                    WinogradConv.LARGE_L2_BYTES);
            assertThat(large.readsAhead()).as("%s", provider).isTrue();
            assertThat(small.readsAhead()).as("%s", provider).isEqualTo(provider.microKernel().nr() < 32);
        }
    }

    @Test
    void theDispatchRunsItOnTheForwardWithEnoughChannels() {
        ConvDispatch on = new ConvDispatch(KernelProvider.scalar(), 0);
        ConvDispatch off = new ConvDispatch(KernelProvider.scalar(), 0, false);
        ConvGeometry s2 = PhaseSplitConvTest.geometry(8, 64, 128, 56, 56, 1, 1, 1, 1);
        assertThat(on.path(s2, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.WINOGRAD);
        // the scatter: the phase split (s2b26 measured the transposed strided Winograd slower and removed it)
        assertThat(on.path(s2, ConvDispatch.Pass.SCATTER)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT); // s2b26
        assertThat(on.path(s2, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
        assertThat(off.path(s2, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
        ConvGeometry rgb = PhaseSplitConvTest.geometry(4, 3, 32, 225, 225, 1, 1, 1, 1);
        assertThat(on.path(rgb, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
        ConvGeometry thin = PhaseSplitConvTest.geometry(8, 32, 64, 56, 56, 1, 1, 1, 1); // 32 channels in: slower (s2w16)
        assertThat(on.path(thin, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
        KernelProvider panama = KernelProvider.panama();
        if (panama != null && panama.microKernel().nr() == 32) { // AVX-512: half-strips of 16 tiles
            ConvDispatch vectors = new ConvDispatch(panama, 0);
            assertThat(vectors.path(s2, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.WINOGRAD);
            ConvGeometry narrow = PhaseSplitConvTest.geometry(8, 128, 256, 28, 28, 1, 1, 1, 1); // 7 tiles a row of 16
            assertThat(vectors.path(narrow, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
            ConvGeometry wide = PhaseSplitConvTest.geometry(2, 64, 128, 113, 113, 1, 1, 1, 1); // 29 tiles a row
            assertThat(vectors.path(wide, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
        }
    }

    /**
     * s2f58: on a 2 MB L2 one image of fewer than 80 image channels on tile rows of 14-15 leaves the strided Winograd
     * for the phase split (64-79 channels, 57², 53² and 55² planes); 80 channels, two images, or full 16-tile rows (61²)
     * keep it; a 1 MB L2 keeps it for all.
     */
    @Test
    void oneImageOfFewChannelsRunsThePhaseSplitOnALargeL2() {
        KernelProvider panama = KernelProvider.panama();
        // the shapes below are AVX-512's half-strips of 16 tiles
        assumeTrue(panama != null && panama.microKernel().nr() == 32, "a 32-column micro-kernel (AVX-512)");
        ConvDispatch large = new ConvDispatch(panama, 0, true, WinogradConv.LARGE_L2_BYTES);
        ConvDispatch small = new ConvDispatch(panama, 0, true, WinogradConv.LARGE_L2_BYTES / 2);
        List<ConvGeometry> phaseSplit = List.of(PhaseSplitConvTest.geometry(1, 64, 128, 57, 57, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(1, 72, 144, 53, 53, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(1, 79, 64, 55, 55, 1, 1, 1, 1));
        List<ConvGeometry> winograd = List.of(PhaseSplitConvTest.geometry(1, 80, 160, 61, 61, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(1, 64, 128, 61, 61, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(1, 96, 128, 55, 55, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(2, 64, 128, 57, 57, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(8, 64, 128, 57, 57, 1, 1, 1, 1));
        for (ConvGeometry g : phaseSplit) {
            assertThat(large.path(g, ConvDispatch.Pass.CORRELATE)).as("%s", g).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
            assertThat(small.path(g, ConvDispatch.Pass.CORRELATE)).as("%s", g).isEqualTo(ConvDispatch.Path.WINOGRAD);
        }
        for (ConvGeometry g : winograd) {
            assertThat(large.path(g, ConvDispatch.Pass.CORRELATE)).as("%s", g).isEqualTo(ConvDispatch.Path.WINOGRAD);
            assertThat(small.path(g, ConvDispatch.Pass.CORRELATE)).as("%s", g).isEqualTo(ConvDispatch.Path.WINOGRAD);
        }
    }

    /**
     * s2w51: the per-call weight transform, written a channel's MR rows at a time, against U = G w Gᵀ written out from
     * its definition (G's rows (1,0,0), (1,0,1), (0,0,1), (0,1,0), (0,1,0); each side's nonzero terms added in double in
     * index order, rounded once): every point, row and channel bitwise, zero rows past Cout, the skew left alone, at 1
     * and 2 threads; Cout on and off the register tile's rows. s2f52: 24 points are now float sums, so the weights also
     * come with exponents 2^-60..2^60 (sums of two far-apart floats, where a float sum and a double sum rounded once
     * could only differ if double rounding mattered), besides the Gaussian ones (sums of like exponents that round).
     */
    @TestFactory
    List<DynamicTest> theWeightTransformIsGwGtInRegisterTileStrips() {
        int[][] g = {{1, 0, 0}, {1, 0, 1}, {0, 0, 1}, {0, 1, 0}, {0, 1, 0}};
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            StridedWinogradConv strided = new StridedWinogradConv(provider.microKernel(), provider.vectorOps());
            int mr = provider.microKernel().mr();
            for (int[] shape : new int[][] {{64, 128}, {3, 13}, {17, 2 * mr + 1}, {5, mr}}) {
              for (boolean wide : new boolean[] {false, true}) {
                int cin = shape[0];
                int cout = shape[1];
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + cin + " -> " + cout + (wide ? " wide exponents" : ""), () -> {
                    int coutP = (cout + mr - 1) / mr * mr;
                    int pointFloats = StridedWinogradConv.pointFloats(coutP, cin);
                    float[] weight = GradientChecker.random(new Random(cin * 31 + cout), cout * cin * 9).data();
                    if (wide) {
                        Random scale = new Random(cin * 17 + cout);
                        for (int e = 0; e < weight.length; e++) {
                            weight[e] = Math.scalb(weight[e], scale.nextInt(121) - 60);
                        }
                    }
                    float[] expected = new float[StridedWinogradConv.U_POINTS * pointFloats];
                    java.util.Arrays.fill(expected, Float.NaN);
                    for (int co = 0; co < coutP; co++) {
                        for (int ci = 0; ci < cin; ci++) {
                            int dst = co / mr * mr * cin + ci * mr + co % mr;
                            double[] w = new double[9];
                            for (int e = 0; e < 9 && co < cout; e++) {
                                w[e] = weight[(co * cin + ci) * 9 + e];
                            }
                            for (int i = 0; i < 5; i++) {
                                double[] row = new double[3]; // (G w)[i][b]
                                for (int b = 0; b < 3; b++) {
                                    row[b] = sumTerms(g[i], w, b, 3);
                                }
                                for (int k = 0; k < 5; k++) {
                                    // the points sharing a matrix of U must have the same value by the definition
                                    int at = StridedWinogradConv.U_POINT[5 * i + k] * pointFloats + dst;
                                    float value = (float) sumTerms(g[k], row, 0, 1);
                                    assertThat(Float.isNaN(expected[at]) || Float.compare(expected[at], value) == 0)
                                            .as("point " + (5 * i + k) + " shares its matrix with an equal point").isTrue();
                                    expected[at] = value;
                                }
                            }
                        }
                    }
                    for (int threads = 1; threads <= 2; threads++) {
                        float[] u = new float[expected.length];
                        java.util.Arrays.fill(u, Float.NaN);
                        Providers.atThreads(threads, () -> {
                            strided.transformWeights(weight, cin, cout, coutP, u);
                            return u;
                        });
                        assertThat(u).as("threads " + threads).isEqualTo(expected);
                    }
                }));
              }
            }
        }
        return tests;
    }

    /** Σ_a coefficient[a] · values[from + a·step] over the nonzero coefficients (all 1) in order, in double. */
    private static double sumTerms(int[] coefficient, double[] values, int from, int step) {
        double sum = Double.NaN;
        for (int a = 0; a < coefficient.length; a++) {
            if (coefficient[a] != 0) {
                double v = values[from + a * step];
                sum = Double.isNaN(sum) ? v : sum + v;
            }
        }
        return sum;
    }

    /**
     * s2b48: image rows are split in place where their run lies inside the array, so a row's lanes past the kept
     * tiles read the next row, plane or image: an image's response must not depend on its neighbours. Two images,
     * one of them NaN: the other's response is bitwise its response alone (the first and last rows of the array take
     * the copy path), on even and odd planes, paddings 0-2.
     */
    @TestFactory
    List<DynamicTest> anImagesResponseDoesNotReadItsNeighbours() {
        List<DynamicTest> tests = new ArrayList<>();
        List<ConvGeometry> alone = List.of(
                PhaseSplitConvTest.geometry(1, 5, 9, 56, 56, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(1, 5, 9, 57, 57, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(1, 4, 8, 59, 61, 0, 0, 0, 0),
                PhaseSplitConvTest.geometry(1, 3, 8, 33, 31, 2, 2, 2, 2),
                PhaseSplitConvTest.geometry(1, 3, 8, 41, 37, 1, 2, 0, 1));
        for (KernelProvider provider : Providers.all()) {
            StridedWinogradConv strided = new StridedWinogradConv(provider.microKernel(), provider.vectorOps());
            for (ConvGeometry one : alone) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + one, () -> {
                    ConvGeometry two = new ConvGeometry(2, 1, one.imageChannels(), one.responseChannels(), one.image(),
                            one.response(), one.kernel(), one.stride(), one.dilation(), one.padLeft());
                    Random r = new Random(one.imageSize());
                    float[] image = GradientChecker.random(r, one.imageSize()).data();
                    float[] weight = GradientChecker.random(r, one.weightSize()).data();
                    float[] expected = strided.correlate(one, image, weight);
                    int size = one.imageSize();
                    int out = one.responseSize();
                    for (int at = 0; at < 2; at++) {
                        float[] pair = new float[2 * size];
                        java.util.Arrays.fill(pair, Float.NaN);
                        System.arraycopy(image, 0, pair, at * size, size);
                        float[] both = strided.correlate(two, pair, weight);
                        assertThat(java.util.Arrays.copyOfRange(both, at * out, (at + 1) * out)).isEqualTo(expected);
                    }
                }));
            }
        }
        return tests;
    }
}
