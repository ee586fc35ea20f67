package dev.convkit.core.pool;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.testing.Providers;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pool9's forward kernels against the reference on both providers: value-only max pooling rows first
 * (stride 1 and 2, padding, ceil_mode, rows wider than a vector), with signed zeros, NaN and infinities; pool11:
 * strides 3 and 4 (every column's window, every stride-th kept).
 */
class FastPoolForwardTest {
    private static float[] data(Random r, int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(24);
            d[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.NEGATIVE_INFINITY : kind == 2 ? Float.POSITIVE_INFINITY
                    : kind == 3 ? -0f : kind == 4 ? 0f : kind < 10 ? r.nextInt(3) - 1 : r.nextFloat() * 4 - 2;
        }
        return d;
    }

    @Test
    void valueOnlyMaxMatchesTheReference() {
        Random r = new Random(9);
        for (int width : new int[] {5, 8, 17, 31, 56, 57, 112, 113}) {
            for (int stride = 1; stride <= 4; stride++) {
                // pool11: strides 3 and 4 where windows touch or overlap (the rows-first path); k < stride (windows with
                // gaps) and k = 5 at width 5 (no uniform run) take the separable pass, whose tied zeros were once wrong
                for (int k = 1; k <= 5; k++) {
                    for (int pad = 0; pad <= k / 2; pad++) {
                        for (boolean ceil : new boolean[] {false, true}) {
                            if (k > width + 2 * pad) {
                                continue;
                            }
                            AxisWindows ww = Windows.sliding(width, k, stride, pad, 1, ceil);
                            AxisWindows wh = Windows.sliding(7, Math.min(k, 3), stride, Math.min(pad, 1), 1, ceil);
                            if (ww.firstEmptyWindow() >= 0 || wh.firstEmptyWindow() >= 0) {
                                continue;
                            }
                            int[] size = {1, 7, width};
                            AxisWindows[] w = {Windows.adaptive(1, 1), wh, ww};
                            int planes = 3;
                            float[] in = data(r, planes * 7 * width);
                            assertValueOnlyMaxBits(in, planes, size, w,
                                    String.format("width %d stride %d k %d pad %d ceil %s", width, stride, k, pad, ceil));
                        }
                    }
                }
            }
        }
    }

    /**
     * pool18: the stride-1 row kernel tests its outputs for zeros and NaN as it stores them and skips the row-major redo
     * when it finds none. Planes without specials, and planes with one pair of signed zeros or NaNs (payloads that
     * differ) on a diagonal, where the rows-first selection differs from PyTorch's (the first and last columns too,
     * where the last block is moved back over the one before it): bit for bit the reference's.
     */
    @Test
    void valueOnlyMaxRedoesTheOneSpecialWindowOfARow() {
        Random r = new Random(18);
        float nanA = Float.intBitsToFloat(0x7fc00001);
        float nanB = Float.intBitsToFloat(0xffc00002);
        for (int width : new int[] {16, 17, 31, 33, 56, 112, 113}) {
            for (int k = 2; k <= 5; k++) {
                for (int stride = 1; stride <= 3; stride++) {
                    int pad = k / 2;
                    AxisWindows ww = Windows.sliding(width, k, stride, pad, 1, false);
                    AxisWindows wh = Windows.sliding(6, 3, 1, 1, 1, false);
                    int[] size = {1, 6, width};
                    AxisWindows[] w = {Windows.adaptive(1, 1), wh, ww};
                    int planes = 8;
                    float[] in = new float[planes * 6 * width];
                    for (int i = 0; i < in.length; i++) {
                        in[i] = -(1 + r.nextFloat()); // negative and nonzero: only the planted pair can make a zero max
                    }
                    // planes 0-1 have no special; the others one pair, of zeros or of NaNs, on a diagonal: (row, col + 1)
                    // then (row + 1, col), which a window's rows-first pass meets in the other order than PyTorch
                    for (int p = 2; p < planes; p++) {
                        int row = r.nextInt(5);
                        int col = p == 2 ? 0 : p == 3 ? width - 2 : r.nextInt(width - 1);
                        int at = p * 6 * width + row * width + col;
                        boolean zeros = p % 2 == 0;
                        in[at + 1] = zeros ? 0f : nanA;
                        in[at + width] = zeros ? -0f : nanB;
                    }
                    assertValueOnlyMaxBits(in, planes, size, w, String.format("width %d k %d stride %d", width, k, stride));
                }
            }
        }
    }

    /** Every fast engine's value-only max of {@code in}, bit for bit the reference's (signs and NaN payloads too). */
    private static void assertValueOnlyMaxBits(float[] in, int planes, int[] size, AxisWindows[] w, String what) {
        int n = planes * w[0].outputs() * w[1].outputs() * w[2].outputs();
        float[] ref = new float[n];
        PoolEngine.REFERENCE.max(in, planes, size, w, ref, new int[n], false);
        for (PoolEngine fast : FastPoolKernelsTest.engines()) {
            float[] out = new float[n];
            fast.max(in, planes, size, w, out, null, false);
            for (int i = 0; i < n; i++) {
                assertThat(Float.floatToRawIntBits(out[i])).as("%s, output %d", what, i)
                        .isEqualTo(Float.floatToRawIntBits(ref[i]));
            }
        }
    }

    /**
     * pool22: stride-2 windows on narrow and odd planes (fewer outputs a row than half a vector, or a row copied between
     * -inf columns for padding and ceil_mode), many planes so that most take the vector kernel, the last its scalar
     * form: bit for bit the reference's on both providers, and the same bits at 1 to 3 threads.
     */
    @Test
    void stride2MaxOnNarrowPlanesMatchesTheReferenceOnAnyThreadCount() {
        // 400 planes: several tasks a pass (FastPoolKernels.chunk)
        stride2MaxMatchesTheReferenceOnAnyThreadCount(new Random(22), new int[] {7, 9, 13, 15, 17, 27}, 3, 400);
    }

    /**
     * pool27: stride-2 rows of many windows (16 outputs and more, windows past both ends of a row: max3s2-stem's rule) a
     * whole plane per kernel call: kernels 2-5, padding 0-2, ceil_mode, odd heights and widths (the last vector of columns
     * moved back), vertical windows clipped at the top and bottom, with signed zeros, NaNs and infinities: bit for bit the
     * reference's on both providers, and the same bits at 1 to 3 threads.
     */
    @Test
    void stride2MaxOnWidePlanesMatchesTheReferenceOnAnyThreadCount() {
        stride2MaxMatchesTheReferenceOnAnyThreadCount(new Random(27), new int[] {31, 33, 47, 64, 75, 101, 112, 129}, 5, 40);
    }

    /**
     * Value-only stride-2 max of {@code planes} planes of each width (height: the width less 2 below 30 columns, else 9
     * or 12), kernels 2 to {@code maxK}, padding 0 to k / 2, ceil_mode or not: the reference's bits at 1 to 3 threads.
     */
    private static void stride2MaxMatchesTheReferenceOnAnyThreadCount(Random r, int[] widths, int maxK, int planes) {
        int before = Parallel.threads();
        try {
            for (int width : widths) {
                for (int k = 2; k <= maxK; k++) {
                    for (int pad = 0; pad <= k / 2; pad++) {
                        for (boolean ceil : new boolean[] {false, true}) {
                            int height = width < 30 ? width - 2 : width % 2 == 0 ? 9 : 12;
                            AxisWindows ww = Windows.sliding(width, k, 2, pad, 1, ceil);
                            AxisWindows wh = Windows.sliding(height, k, 2, pad, 1, ceil);
                            if (ww.firstEmptyWindow() >= 0 || wh.firstEmptyWindow() >= 0) {
                                continue;
                            }
                            int[] size = {1, height, width};
                            AxisWindows[] w = {Windows.adaptive(1, 1), wh, ww};
                            float[] in = data(r, planes * height * width);
                            String what = String.format("width %d k %d pad %d ceil %s", width, k, pad, ceil);
                            for (int threads = 1; threads <= 3; threads++) {
                                Parallel.setThreads(threads);
                                assertValueOnlyMaxBits(in, planes, size, w, what + ", threads " + threads);
                            }
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * step50: max pooling with indices (the training forward) of windows two columns apart inside the row, a plane per
     * kernel call (cnn2's 2×2 stride 2 on 28² and 14²; rows narrower and wider than half a vector, odd widths, windows
     * of 1-3 columns and rows, ceil_mode along H, 3-D planes), with signed zeros, NaNs and infinities: rows of fewer
     * than 16 outputs take the plane plan (the rest the row walk), and values and indices are bit for bit the
     * reference's on both providers at 1 to 3 threads.
     */
    @Test
    void maxWithIndicesOfPairWindowsMatchesTheReferenceOnAnyThreadCount() {
        Random r = new Random(50);
        int before = Parallel.threads();
        try {
            for (int width : new int[] {4, 5, 7, 8, 14, 15, 16, 17, 28, 29, 33, 56}) {
                for (int kw = 1; kw <= 3; kw++) {
                    for (int kh = 1; kh <= 3; kh++) {
                        for (boolean ceil : new boolean[] {false, true}) {
                            int depth = kw == 3 ? 2 : 1;
                            int height = width == 28 ? 28 : 7 + width % 4;
                            AxisWindows ww = Windows.sliding(width, kw, 2, 0, 1, false);
                            if (ww.outputs() < 2) {
                                continue; // one window a row is no sliding run
                            }
                            AxisWindows wh = Windows.sliding(height, kh, 2, 0, 1, ceil);
                            AxisWindows wd = depth == 1 ? Windows.adaptive(1, 1) : Windows.sliding(depth, 2, 1, 0, 1, false);
                            int[] size = {depth, height, width};
                            AxisWindows[] w = {wd, wh, ww};
                            String what = String.format("%dx%dx%d, window %dx%d, ceil %s", depth, height, width, kh, kw, ceil);
                            // rows of fewer than 16 outputs take the plane kernel where the backend's pays, wider ones the row walk
                            for (KernelProvider p : Providers.all()) {
                                VectorOps ops = p.vectorOps();
                                assertThat(SlidingPlane.maxIndexPairs(ops, size, w, ww.longestUniformRun()) != null)
                                        .as("%s, %s", what, p.name())
                                        .isEqualTo(ops.maxIndexPairPlanesPay() && ww.outputs() < SlidingPlane.MIN_OUTPUTS);
                            }
                            int planes = width >= 28 ? 40 : 120; // several tasks a pass from 28² (FastPoolKernels.chunk)
                            float[] in = data(r, planes * depth * height * width);
                            int n = planes * w[0].outputs() * w[1].outputs() * w[2].outputs();
                            float[] ref = new float[n];
                            int[] refIndices = new int[n];
                            PoolEngine.REFERENCE.max(in, planes, size, w, ref, refIndices, false);
                            for (int threads = 1; threads <= 3; threads++) {
                                Parallel.setThreads(threads);
                                assertMaxWithIndicesBits(in, planes, size, w, ref, refIndices, what + ", threads " + threads);
                            }
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * tr52: the plane kernel of max pooling with indices on 2×2 windows (every output row two input rows, two columns),
     * which the Panama provider takes where two vectors past the last window's first column are in the array: rows of
     * fewer and more outputs than a vector, rows apart by odd widths and by more than a row, a first column past 0, with
     * signed zeros, NaNs and infinities, a plane at the array's end too (the kernel it falls back to): every provider's
     * values and indices bit for bit the scalar kernel's, and no output of a neighbouring plane written.
     */
    @Test
    void maxWithIndicesOf2x2WindowsMatchesTheScalarKernel() {
        Random r = new Random(52);
        for (int outWidth = 1; outWidth <= 40; outWidth++) {
            for (int from = 0; from <= 1; from++) {
                for (int extra = 0; extra <= 3; extra += 3) {
                    int width = from + 2 * outWidth + extra;
                    int outRows = 1 + r.nextInt(9);
                    int height = 2 * outRows + 1;
                    int[] rows = new int[2 * outRows];
                    int[] counts = new int[outRows];
                    for (int t = 0; t < outRows; t++) {
                        rows[2 * t] = 2 * t * width;
                        rows[2 * t + 1] = (2 * t + 1 + (t % 3 == 2 ? 1 : 0)) * width; // some windows skip a row
                        counts[t] = 2;
                    }
                    int planes = 3;
                    int inPlane = height * width;
                    int outPlane = outRows * outWidth;
                    float[] in = data(r, planes * inPlane);
                    String what = String.format("%d rows of %d outputs from column %d, %d wide", outRows, outWidth, from, width);
                    for (KernelProvider p : Providers.all()) {
                        float[] out = new float[planes * outPlane];
                        int[] indices = new int[out.length];
                        float[] expected = new float[out.length];
                        int[] expectedIndices = new int[out.length];
                        java.util.Arrays.fill(out, 7f);
                        java.util.Arrays.fill(expected, 7f);
                        for (int q = 0; q < planes; q++) {
                            p.vectorOps().maxIndexPairPlane(in, q * inPlane, rows, counts, 2, outRows, from, 2, outWidth, out,
                                    q * outPlane, indices);
                            VectorOps.SCALAR.maxIndexPairPlane(in, q * inPlane, rows, counts, 2, outRows, from, 2, outWidth,
                                    expected, q * outPlane, expectedIndices);
                            if (q + 1 < planes) { // each plane's call leaves the next plane's outputs alone (tasks share none)
                                assertThat(out[(q + 1) * outPlane]).as("%s, %s: past plane %d", what, p.name(), q).isEqualTo(7f);
                            }
                        }
                        assertThat(indices).as("%s, %s, indices", what, p.name()).containsExactly(expectedIndices);
                        assertThat(rawBits(out)).as("%s, %s, values' bits", what, p.name()).containsExactly(rawBits(expected));
                    }
                }
            }
        }
    }

    /** Every fast engine's max with indices of {@code in}: the reference's indices, and its values bit for bit. */
    private static void assertMaxWithIndicesBits(float[] in, int planes, int[] size, AxisWindows[] w, float[] ref,
                                                 int[] refIndices, String what) {
        int n = ref.length;
        for (PoolEngine fast : FastPoolKernelsTest.engines()) {
            float[] out = new float[n];
            int[] indices = new int[n];
            fast.max(in, planes, size, w, out, indices, false);
            assertThat(indices).as("%s, indices", what).containsExactly(refIndices);
            assertThat(rawBits(out)).as("%s, values' bits", what).containsExactly(rawBits(ref));
        }
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    /**
     * pool22: value-only max of rows reduced rows first a whole plane per call (adaptive windows of mixed widths, narrow
     * rows of windows 3 and 4 columns apart, with padding), with signed zeros and NaNs: bit for bit the reference's on
     * both providers, and the same bits at 1 to 3 threads.
     */
    @Test
    void windowPlaneMaxMatchesTheReferenceOnAnyThreadCount() {
        Random r = new Random(23);
        int before = Parallel.threads();
        try {
            for (int width : new int[] {5, 7, 13, 19, 28, 29}) {
                List<AxisWindows> rows = new ArrayList<>();
                for (int outputs : new int[] {1, 2, 3, 5, 7, 9}) {
                    rows.add(Windows.adaptive(width, outputs));
                }
                for (int stride = 3; stride <= 4; stride++) {
                    rows.add(Windows.sliding(width, stride, stride, 0, 1, false));
                    rows.add(Windows.sliding(width, stride + 1, stride, 1, 1, true));
                }
                for (AxisWindows ww : rows) {
                    int height = width + 1;
                    int[] size = {1, height, width};
                    AxisWindows[] w = {Windows.adaptive(1, 1), Windows.adaptive(height, 5), ww};
                    int planes = 300; // several tasks a pass (FastPoolKernels.chunk)
                    float[] in = data(r, planes * height * width);
                    for (int threads = 1; threads <= 3; threads++) {
                        Parallel.setThreads(threads);
                        assertValueOnlyMaxBits(in, planes, size, w,
                                String.format("width %d, %d outputs a row, threads %d", width, ww.outputs(), threads));
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void valueOnlyMaxIsTheSameOnAnyThreadCount() {
        for (int stride = 2; stride <= 3; stride++) {
            valueOnlyMaxIsTheSameOnAnyThreadCount(stride);
        }
    }

    private static void valueOnlyMaxIsTheSameOnAnyThreadCount(int stride) {
        Random r = new Random(5);
        int[] size = {1, 40, 56};
        AxisWindows[] w = {Windows.adaptive(1, 1), Windows.sliding(40, 3, stride, 1, 1, false),
                Windows.sliding(56, 3, stride, 1, 1, false)};
        int planes = 37;
        float[] in = data(r, planes * 40 * 56);
        int n = planes * w[1].outputs() * w[2].outputs();
        int before = Parallel.threads();
        try {
            for (PoolEngine fast : FastPoolKernelsTest.engines()) {
                float[] first = null;
                for (int threads : new int[] {1, 2, 3}) {
                    Parallel.setThreads(threads);
                    float[] out = new float[n];
                    fast.max(in, planes, size, w, out, null, false);
                    if (first == null) {
                        first = out;
                    } else {
                        assertThat(out).containsExactly(first);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void meansOverPowerOfTwoCountsAreTheDividedSums() {
        // 2x2 and 4x4 windows: multiplied by the exact reciprocal, the same bits as sum / count
        Random r = new Random(3);
        for (int k : new int[] {2, 4}) {
            int[] size = {1, 13, 37};
            AxisWindows[] w = {Windows.adaptive(1, 1), Windows.sliding(13, k, k, 0, 1, true), Windows.sliding(37, k, k, 0, 1, true)};
            int planes = 5;
            float[] in = data(r, planes * 13 * 37);
            double[] divisors = Windows.divisors(w, false, null);
            for (PoolEngine fast : FastPoolKernelsTest.engines()) {
                float[] sums = fast.sums(in, planes, size, w);
                float[] means = fast.means(in, planes, size, w, divisors);
                for (int i = 0; i < means.length; i++) {
                    float expected = (float) (sums[i] / divisors[i % divisors.length]);
                    assertThat(Float.floatToIntBits(means[i])).as("k %d output %d", k, i).isEqualTo(Float.floatToIntBits(expected));
                }
            }
        }
        assertThat(FastPoolKernels.exactReciprocals(new float[] {4, 16, -2, 1})).containsExactly(0.25f, 0.0625f, -0.5f, 1f);
        assertThat(FastPoolKernels.exactReciprocals(new float[] {4, 9})).isNull();
    }

    /**
     * pool10: window sums at strides 3-5 (the sliding sums of the column sums, every stride-th kept; runs under four
     * windows and the borders one by one) against the reference, padded and ceil_mode, and the same bits on 1 and 2 threads.
     */
    @Test
    void stridedWindowSumsMatchTheReferenceOnAnyThreadCount() {
        int before = Parallel.threads();
        try {
            Random r = new Random(21);
            for (int width : new int[] {9, 13, 31, 56, 57, 113}) {
                for (int stride = 3; stride <= 5; stride++) {
                    for (int k = 2; k <= 5; k++) {
                        for (int pad = 0; pad <= k / 2; pad++) {
                            for (boolean ceil : new boolean[] {false, true}) {
                                AxisWindows ww = Windows.sliding(width, k, stride, pad, 1, ceil);
                                AxisWindows wh = Windows.sliding(11, k, stride, pad, 1, ceil);
                                if (k > width + 2 * pad || ww.firstEmptyWindow() >= 0 || wh.firstEmptyWindow() >= 0) {
                                    continue;
                                }
                                int[] size = {1, 11, width};
                                AxisWindows[] w = {Windows.adaptive(1, 1), wh, ww};
                                int planes = 3;
                                float[] in = new float[planes * 11 * width];
                                for (int i = 0; i < in.length; i++) {
                                    in[i] = r.nextFloat() * 4 - 2;
                                }
                                float[] ref = PoolEngine.REFERENCE.sums(in, planes, size, w);
                                for (PoolEngine fast : FastPoolKernelsTest.engines()) {
                                    Parallel.setThreads(1);
                                    float[] one = fast.sums(in, planes, size, w).clone();
                                    Parallel.setThreads(2);
                                    float[] two = fast.sums(in, planes, size, w).clone();
                                    String what = String.format("width %d stride %d k %d pad %d ceil %s", width, stride, k, pad, ceil);
                                    assertThat(two).as(what).containsExactly(one);
                                    for (int i = 0; i < ref.length; i++) {
                                        assertThat(one[i]).as(what + " output " + i).isCloseTo(ref[i],
                                                org.assertj.core.data.Offset.offset(1e-5f * k * k));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
    /**
     * pool13: stride-1 window sums and means a whole plane per kernel call ({@link SlidingPlane}) have the bits of the
     * per-row walk (still taken by LP sums, here p = 1) on both providers and at 1 and 2 threads, and match the
     * reference: rows narrower and wider than a vector, padding, ceil_mode, rows strided 1 and 2, depth windows,
     * and -0, -inf and NaN in the data; windows two columns apart inside the row likewise ({@code pairPlaneSums}).
     */
    @Test
    void slidingPlaneSumsHaveTheRowWalksBits() {
        int before = Parallel.threads();
        try {
            Random r = new Random(13);
            int planned = 0;
            for (int width : new int[] {5, 16, 17, 31, 33, 56, 57, 113}) {
                for (int k = 1; k <= 5; k++) {
                    for (int pad = 0; pad <= k / 2; pad++) {
                        for (int rowStride = 1; rowStride <= 2; rowStride++) {
                          for (int stride = 1; stride <= 2; stride++) {
                            boolean ceil = (width + k + pad + rowStride + stride) % 2 == 0;
                            boolean deep = width == 17 || width == 56;
                            AxisWindows ww = Windows.sliding(width, k, stride, pad, 1, ceil);
                            AxisWindows wh = Windows.sliding(9, Math.min(k, 3), rowStride, Math.min(pad, 1), 1, ceil);
                            AxisWindows wd = deep ? Windows.sliding(3, 2, 1, 0, 1, false) : Windows.adaptive(1, 1);
                            if (k > width + 2 * pad || ww.firstEmptyWindow() >= 0 || wh.firstEmptyWindow() >= 0) {
                                continue;
                            }
                            int[] size = {deep ? 3 : 1, 9, width};
                            AxisWindows[] w = {wd, wh, ww};
                            String what = String.format("width %d k %d stride %d pad %d row stride %d ceil %s", width, k, stride, pad,
                                    rowStride, ceil);
                            if (SlidingPlane.of(size, w, ww.longestUniformRun()) == null) {
                                // the row walk: short rows, or stride 2 with windows clipped
                                assertThat(ww.outputs() < SlidingPlane.MIN_OUTPUTS || stride == 2 && (pad > 0 || ceil)).as(what)
                                        .isTrue();
                                continue;
                            }
                            planned++;
                            int planes = 5;
                            float[] in = data(r, planes * size[0] * 9 * width);
                            boolean finite = k % 2 == 1;
                            for (int i = 0; i < in.length; i++) {
                                // the LP sums stop at ±inf and NaN (their double path), so odd k has none, even k all
                                boolean odd = Float.isInfinite(in[i]) || in[i] != in[i];
                                in[i] = finite && odd ? 3f : in[i];
                            }
                            assertRowWalkBits(what, in, planes, size, w, Windows.divisors(w, pad % 2 == 1, null), finite,
                                    1e-5f * k * k);
                          }
                        }
                    }
                }
            }
            assertThat(planned).isGreaterThan(100);
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * pool15: rows of a few windows summed one by one (adaptive, and strided rows of under four windows) take a whole
     * plane per kernel call ({@link SlidingPlane#windows}): bitwise the row walk's sums (the LP p = 1 sums, which keep
     * it) and their float quotients, on both providers, at 1 and 2 threads, close to the reference; the last plane
     * (whose vector loads would pass the array's end) by the scalar definition.
     */
    @Test
    void windowPlaneSumsHaveTheRowWalksBits() {
        int before = Parallel.threads();
        try {
            Random r = new Random(15);
            int planned = 0;
            for (int width : new int[] {5, 7, 16, 17, 28, 31, 57}) {
                for (int outputs = 1; outputs <= 9; outputs++) {
                    for (int variant = 0; variant < 3; variant++) {
                        // adaptive rows; variant 2: a strided row (k 5, stride 3 or 4) of under four windows
                        int stride = 3 + outputs % 2;
                        AxisWindows ww = variant < 2 ? Windows.adaptive(width, Math.min(outputs, width))
                                : Windows.sliding(width, 5, stride, outputs % 3, 1, outputs % 2 == 0);
                        if (variant == 2 && (5 > width + 2 * (outputs % 3) || ww.firstEmptyWindow() >= 0)) {
                            continue;
                        }
                        boolean deep = variant == 1;
                        AxisWindows wh = Windows.adaptive(11, 1 + outputs % 5);
                        AxisWindows wd = deep ? Windows.adaptive(3, 2) : Windows.adaptive(1, 1);
                        int[] size = {deep ? 3 : 1, 11, width};
                        AxisWindows[] w = {wd, wh, ww};
                        String what = String.format("width %d outputs %d variant %d", width, ww.outputs(), variant);
                        if (SlidingPlane.windows(size, w, ww.longestUniformRun()) == null) {
                            // whole rows, sliding runs (adaptive 5 -> 2 is k 3 stride 2) and strided runs of four
                            // windows or more keep the row walk
                            continue;
                        }
                        planned++;
                        int planes = 6;
                        float[] in = data(r, planes * size[0] * 11 * width);
                        boolean finite = (width + outputs + variant) % 3 != 0;
                        for (int i = 0; i < in.length; i++) {
                            // the LP sums stop at ±inf and NaN (their double path): most cases have none
                            boolean odd = Float.isInfinite(in[i]) || in[i] != in[i];
                            in[i] = finite && odd ? 3f : in[i];
                        }
                        assertRowWalkBits(what, in, planes, size, w,
                                Windows.divisors(w, variant != 2 || outputs % 2 == 0, null), finite, 1e-5f * width * 11);
                    }
                }
            }
            assertThat(planned).isGreaterThan(60);
            // adaptive-avg-5's rows (28 -> 5: widths 6 and 7, one column shared) take the plane kernel
            AxisWindows five = Windows.adaptive(28, 5);
            assertThat(SlidingPlane.windows(new int[] {1, 28, 28}, new AxisWindows[] {Windows.adaptive(1, 1), five, five},
                    five.longestUniformRun())).isNotNull();
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * The fast engines' sums and means of {@code in} bit for bit the row walk's (the LP p = 1 sums, which keep it, when
     * {@code finite}; else the 1-thread sums) and its float quotients, alike at 1 and 2 threads, close to the reference.
     */
    private static void assertRowWalkBits(String what, float[] in, int planes, int[] size, AxisWindows[] w, double[] divisors,
                                          boolean finite, float tolerance) {
        float[] refSums = PoolEngine.REFERENCE.sums(in, planes, size, w);
        for (PoolEngine fast : FastPoolKernelsTest.engines()) {
            float[] rowWalk = new float[refSums.length];
            boolean walked = fast.powerSums(in, planes, size, w, 1, Double.POSITIVE_INFINITY, rowWalk);
            assertThat(walked).as(what).isEqualTo(finite);
            float[] first = null;
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                float[] sums = fast.sums(in, planes, size, w);
                float[] means = fast.means(in, planes, size, w, divisors);
                if (first == null) {
                    first = sums.clone();
                }
                assertThat(sums).as(what + " at %d threads", threads).containsExactly(first);
                for (int i = 0; i < sums.length; i++) {
                    float[] oracle = walked ? rowWalk : first;
                    assertThat(Float.floatToIntBits(sums[i])).as(what + " sum " + i).isEqualTo(Float.floatToIntBits(oracle[i]));
                    float mean = (float) (oracle[i] / divisors[i % divisors.length]);
                    assertThat(Float.floatToIntBits(means[i])).as(what + " mean " + i).isEqualTo(Float.floatToIntBits(mean));
                    if (Float.isFinite(refSums[i])) {
                        assertThat(sums[i]).as(what + " against the reference").isCloseTo(refSums[i],
                                org.assertj.core.data.Offset.offset(tolerance));
                    } else {
                        assertThat(Float.valueOf(sums[i])).as(what + " against the reference").isEqualTo(Float.valueOf(refSums[i]));
                    }
                }
            }
        }
    }
}
