package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;
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
 * stem21: the stride-2 first layer's direct forward ({@link StemConv}) against the reference loops on both providers:
 * 1 to 6 image channels, kernels 3, 5 and 7 (and rectangular, even sides), paddings 0 to 3, odd and even images,
 * 3 to 288 response channels, batches 1, 2 and 5, bands of one to many rows; bitwise equal at one to three threads.
 * stem57 / stem58: rows with the channels in the lanes (32 channels; stem61: 64-256 in 32-channel parts) bitwise
 * equal to the stem columns. stem59: the stem columns stored straight into the response rows bitwise equal to the
 * band copied out.
 */
class StemConvTest {
    static List<ConvGeometry> shapes() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 32, 65, 65, 7, 7, 3, 3, 3, 3));  // first-c3-7x7-s2-65
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 24, 57, 57, 7, 7, 3, 3, 3, 3));  // first-c3-7x7-s2-57
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 32, 65, 65, 5, 5, 2, 2, 2, 2));  // first-c3-5x5-s2-65
        list.add(PhaseSplitWideKernelTest.geometry(5, 1, 32, 64, 64, 5, 5, 2, 2, 2, 2));  // grey, even
        list.add(PhaseSplitWideKernelTest.geometry(2, 4, 48, 49, 49, 3, 3, 1, 1, 1, 1));  // 3x3, 4 channels
        list.add(PhaseSplitWideKernelTest.geometry(1, 6, 64, 30, 31, 7, 7, 0, 0, 0, 0));  // no padding, 64 channels
        list.add(PhaseSplitWideKernelTest.geometry(2, 2, 3, 21, 20, 5, 5, 1, 3, 2, 0));   // 3 channels out, uneven pads
        list.add(PhaseSplitWideKernelTest.geometry(5, 5, 7, 11, 13, 3, 3, 0, 1, 1, 2));   // 7 out: a partial block
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 9, 9, 7, 7, 7, 1, 2, 0, 3));     // one to two response rows
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 16, 40, 46, 7, 5, 3, 2, 3, 2));  // 7 x 5
        list.add(PhaseSplitWideKernelTest.geometry(1, 4, 13, 20, 21, 4, 4, 1, 1, 1, 2));  // even sides
        list.add(PhaseSplitWideKernelTest.geometry(1, 1, 5, 17, 16, 2, 2, 0, 0, 0, 0));   // 2 x 2
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 20, 100, 23, 7, 7, 3, 3, 3, 3)); // tall: many bands
        // stem57 / stem58: rows with the channels in the lanes (32 channels, rows of 16+ positions; stem61: parts of 32)
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 32, 20, 224, 7, 7, 3, 3, 3, 3)); // rows of 112
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 32, 64, 70, 7, 7, 3, 3, 3, 3));  // 35: a last block overlapping
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 32, 40, 45, 7, 7, 3, 3, 3, 3));  // rows of 23
        list.add(PhaseSplitWideKernelTest.geometry(1, 4, 32, 50, 52, 5, 5, 2, 2, 2, 2));  // 5 × 5, 4 image channels
        list.add(PhaseSplitWideKernelTest.geometry(3, 2, 32, 31, 31, 7, 7, 3, 3, 3, 3));  // 2 channels, rows of 16
        list.add(PhaseSplitWideKernelTest.geometry(1, 1, 32, 40, 40, 7, 7, 3, 3, 3, 3));  // grey, 49 taps: the columns
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 32, 29, 29, 7, 7, 3, 3, 3, 3));  // rows of 15: the columns
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 32, 120, 100, 7, 7, 3, 3, 3, 3)); // 60 rows: several bands
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 64, 20, 224, 7, 7, 3, 3, 3, 3)); // 64 and 96: 32-channel parts
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 96, 40, 45, 7, 7, 3, 3, 3, 3));
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 256, 36, 40, 7, 7, 3, 3, 3, 3)); // stem61: 8 parts, the most
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 288, 36, 40, 7, 7, 3, 3, 3, 3)); // 9 parts: the columns
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 96, 30, 127, 5, 5, 2, 2, 2, 2)); // 5 × 5, 3 parts
        // stem59: rows straight from the stem columns (64 channels: rows of 16 the least, 100, a 5 × 5, odd pads; on a
        // 16-lane Vector API from JDK 18 these 64-channel shapes take the channel rows since stem61, see below)
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 64, 37, 31, 7, 7, 3, 3, 3, 3));  // rows of 16
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 64, 40, 29, 7, 7, 3, 3, 3, 3));  // rows of 15: copied out (16 lanes)
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 64, 36, 199, 7, 7, 3, 3, 3, 3)); // rows of 100
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 64, 30, 127, 5, 5, 2, 2, 2, 2)); // 5 × 5, rows of 64
        list.add(PhaseSplitWideKernelTest.geometry(1, 2, 40, 26, 70, 7, 7, 1, 2, 0, 3));  // 40 channels, uneven pads
        // stem61: the 64-channel stems above take the channel rows on JDK 18+; 48 and 16 keep the stem columns' rows
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 48, 37, 31, 7, 7, 3, 3, 3, 3));  // rows of 16
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 16, 36, 199, 7, 7, 3, 3, 3, 3)); // rows of 100
        list.add(PhaseSplitWideKernelTest.geometry(1, 1, 64, 40, 70, 7, 7, 3, 3, 3, 3));  // grey 64: 49 taps, the columns
        Random r = new Random(21);
        for (int i = 0; i < 10; i++) {
            int k = 3 + 2 * r.nextInt(3);
            list.add(PhaseSplitWideKernelTest.geometry(1 + r.nextInt(5), 1 + r.nextInt(6), 3 + r.nextInt(62),
                    k + r.nextInt(40), k + r.nextInt(40), k, k, r.nextInt(4), r.nextInt(4), r.nextInt(4), r.nextInt(4)));
        }
        return list;
    }

    @TestFactory
    List<DynamicTest> stemsMatchTheReferenceAtOneToThreeThreads() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            StemConv stem = new StemConv(provider.vectorOps(),
                    new PhaseSplitConv(provider.microKernel(), provider.vectorOps()));
            for (ConvGeometry g : shapes()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g.batch() + "x" + g.imageChannels() + "->"
                        + g.responseChannels() + " " + g.image()[1] + "x" + g.image()[2] + " k" + g.kernel()[1] + "x"
                        + g.kernel()[2] + " pad " + g.padLeft()[1] + "," + g.padLeft()[2], () -> {
                    assertThat(StemConv.applies(g)).isTrue();
                    Random r = new Random(g.imageSize());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] y1 = Providers.atThreads(1, () -> stem.correlate(g, image, weight));
                    FastConvTest.assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                    for (int threads : new int[] {2, 3}) {
                        assertThat(Providers.atThreads(threads, () -> stem.correlate(g, image, weight)))
                                .as("threads " + threads).containsExactly(y1);
                    }
                }));
            }
        }
        return tests;
    }

    /** stem57: the rows with the channels in the lanes give the stem columns' bits, where they run. */
    @TestFactory
    List<DynamicTest> channelRowsGiveTheStemColumnsBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            VectorOps columnsOnly = columnsOnly(ops);
            PhaseSplitConv phases = new PhaseSplitConv(provider.microKernel(), ops);
            StemConv rows = new StemConv(ops, phases);
            StemConv columns = new StemConv(columnsOnly, phases);
            for (ConvGeometry g : shapes()) {
                if (!StemConv.channelRowsRun(ops, g)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g.responseChannels() + " channels, rows of "
                        + g.response()[2], () -> {
                    Random r = new Random(g.imageSize());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] expected = Providers.atThreads(1, () -> columns.correlate(g, image, weight));
                    for (int threads : new int[] {1, 2}) {
                        assertThat(Providers.atThreads(threads, () -> rows.correlate(g, image, weight)))
                                .as("threads " + threads).containsExactly(expected);
                    }
                }));
            }
        }
        return tests;
    }

    /** The same ops without convChannelRow and convLongColumnRows: StemConv's columns with their band copied out. */
    static VectorOps columnsOnly(VectorOps ops) {
        return new VectorOps() {
            @Override
            public void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
                ops.axpy(a, x, xo, y, yo, n);
            }

            @Override
            public float dot(float[] x, int xo, float[] y, int yo, int n) {
                return ops.dot(x, xo, y, yo, n);
            }

            @Override
            public void convLongColumns(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride,
                                        int channels, float[] out, int oo, int outStride, int n) {
                ops.convLongColumns(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n);
            }
        };
    }

    /** stem59: the stem columns stored straight into the response rows give the copied-out band's bits. */
    @TestFactory
    List<DynamicTest> columnRowsGiveTheCopiedOutBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            PhaseSplitConv phases = new PhaseSplitConv(provider.microKernel(), ops);
            StemConv rows = new StemConv(ops, phases);
            StemConv copied = new StemConv(columnsOnly(ops), phases);
            for (ConvGeometry g : shapes()) {
                if (!ops.longColumnRowsFit(g.response()[2]) || StemConv.channelRowsRun(ops, g)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g.responseChannels() + " channels, rows of "
                        + g.response()[2] + ", " + g.kernel()[1] + "x" + g.kernel()[2], () -> {
                    Random r = new Random(g.imageSize());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] expected = Providers.atThreads(1, () -> copied.correlate(g, image, weight));
                    for (int threads : new int[] {1, 2}) {
                        long before = StemConv.ROWS_CALLS.sum();
                        assertThat(Providers.atThreads(threads, () -> rows.correlate(g, image, weight)))
                                .as("threads " + threads).containsExactly(expected);
                        assertThat(StemConv.ROWS_CALLS.sum()).as("rows path taken").isGreaterThan(before);
                    }
                }));
            }
        }
        return tests;
    }

    /** stem59: the default convLongColumnRows (the tests' reference) is the band of sums copied out row by row. */
    @Test
    void columnRowsDefaultIsTheBandCopiedOut() {
        VectorOps scalar = KernelProvider.scalar().vectorOps();
        assertThat(scalar.longColumnRowsFit(112)).isFalse();
        int pitch = 7;
        int width = 5;
        int n = 2 * pitch + width;
        float[] x = new float[n + 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        float[] w = {2f, 3f};
        float[] out = new float[2 * 3 * width];
        scalar.convLongColumnRows(x, new int[] {0}, 1, w, 0, 1, 2, out, 0, 3 * width, n, pitch, width,
                new float[VectorOps.LONG_COLUMN_ROWS_TILE]);
        for (int c = 0; c < 2; c++) {
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < width; col++) {
                    assertThat(out[c * 3 * width + row * width + col]).isEqualTo(w[c] * x[row * pitch + col]);
                }
            }
        }
    }

    @Test
    void channelRowsFitThirtyTwoChannelsManyTapsAndRowsOfAVector() {
        assertThat(KernelProvider.scalar().vectorOps().channelRowFits(32, 147, 112)).isFalse();
        assumeTrue(KernelProvider.panama() != null, "the Vector API");
        VectorOps panama = KernelProvider.panama().vectorOps();
        if (panama.channelRowFits(32, 147, 112)) { // a 16-lane Vector API on JDK 18+
            assertThat(panama.channelRowFits(32, 147, 16)).isTrue();
            assertThat(panama.channelRowFits(32, 147, 15)).isFalse();
            assertThat(panama.channelRowFits(16, 147, 112)).isFalse();
            assertThat(panama.channelRowFits(48, 147, 112)).isFalse();
            assertThat(panama.channelRowFits(64, 147, 112)).isFalse();
            assertThat(panama.channelRowFits(96, 147, 112)).isFalse();
            assertThat(panama.channelRowFits(32, 75, 48)).isTrue();  // 5 × 5, three image channels
            assertThat(panama.channelRowFits(32, 49, 112)).isFalse(); // 7 × 7 grey: the transpose outweighs
        }
    }

    /** stem61: the channel rows run whole 32-channel parts, at most 8, on the taps and rows stem58's rule takes. */
    @Test
    void channelRowsRunWholePartsOfThirtyTwoChannels() {
        assertThat(StemConv.channelRowsRun(KernelProvider.scalar().vectorOps(), stem(64, 3, 7, 224))).isFalse();
        assumeTrue(KernelProvider.panama() != null, "the Vector API");
        VectorOps panama = KernelProvider.panama().vectorOps();
        assumeTrue(panama.channelRowFits(32, 147, 112)); // a 16-lane Vector API on JDK 18+
        for (int cout : new int[] {32, 64, 96, 128, 256}) {
            assertThat(StemConv.channelRowsRun(panama, stem(cout, 3, 7, 224))).as(cout + " channels").isTrue();
        }
        for (int cout : new int[] {16, 48, 80, 288}) {
            assertThat(StemConv.channelRowsRun(panama, stem(cout, 3, 7, 224))).as(cout + " channels").isFalse();
        }
        assertThat(StemConv.channelRowsRun(panama, stem(64, 3, 5, 127))).as("5 × 5, 75 taps").isTrue();
        assertThat(StemConv.channelRowsRun(panama, stem(64, 1, 7, 224))).as("grey 7 × 7, 49 taps").isFalse();
        assertThat(StemConv.channelRowsRun(panama, stem(64, 3, 7, 29))).as("rows of 15").isFalse();
    }

    /** One image of {@code cin} channels, {@code side} a side, a {@code k} × {@code k} stride-2 stem padded k / 2. */
    private static ConvGeometry stem(int cout, int cin, int k, int side) {
        return PhaseSplitWideKernelTest.geometry(1, cin, cout, side, side, k, k, k / 2, k / 2, k / 2, k / 2);
    }

    @Test
    void theDispatchSendsStemsHereAndWiderLayersElsewhere() {
        ConvDispatch d = new ConvDispatch(KernelProvider.scalar(), 0);
        ConvGeometry stem = PhaseSplitWideKernelTest.geometry(2, 3, 32, 65, 65, 7, 7, 3, 3, 3, 3);
        assertThat(d.path(stem, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.SMALL_CHANNEL);
        ConvGeometry wide = PhaseSplitWideKernelTest.geometry(2, 16, 32, 33, 33, 5, 5, 2, 2, 2, 2);
        assertThat(StemConv.applies(wide)).isFalse();
        assertThat(d.path(wide, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
        ConvGeometry threeByThree = PhaseSplitWideKernelTest.geometry(2, 4, 48, 49, 49, 3, 3, 1, 1, 1, 1);
        assertThat(StemConv.pays(threeByThree)).isFalse();
        assertThat(d.path(threeByThree, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
    }
}
