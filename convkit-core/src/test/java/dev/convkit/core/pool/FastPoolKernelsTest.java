package dev.convkit.core.pool;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast pooling kernels against the reference oracle on random windows (sliding with padding,
 * dilation and ceil mode, adaptive), with ties, NaN and infinities in the data; and bitwise equality
 * across thread counts.
 */
class FastPoolKernelsTest {
    static List<PoolEngine> engines() {
        List<PoolEngine> list = new ArrayList<>();
        for (dev.convkit.core.kernels.KernelProvider p : dev.convkit.core.testing.Providers.all()) {
            list.add(PoolEngine.fast(p));
        }
        return list;
    }

    private static AxisWindows[] windows(Random r, int[] size) {
        AxisWindows[] w = new AxisWindows[3];
        for (int i = 0; i < 3; i++) {
            if (size[i] == 1) {
                w[i] = Windows.adaptive(1, 1);
            } else if (r.nextInt(3) == 0) {
                w[i] = Windows.adaptive(size[i], 1 + r.nextInt(size[i] + 2));
            } else if (r.nextInt(3) == 0 && size[i] >= 6) {
                // fractional windows: equal widths at irregular starts (the gathering row kernel)
                int k = 1 + r.nextInt(3);
                w[i] = Windows.fractional(size[i], 2 + r.nextInt(size[i] - k - 1), k, r.nextDouble());
            } else {
                int k = 1 + r.nextInt(Math.min(4, size[i]));
                int d = r.nextInt(4) == 0 ? 2 : 1;
                int p = r.nextInt(k / 2 + 1);
                int s = 1 + r.nextInt(3);
                if (d * (k - 1) + 1 > size[i] + 2 * p) {
                    d = 1;
                }
                w[i] = Windows.sliding(size[i], k, s, p, d, r.nextBoolean());
                if (w[i].firstEmptyWindow() >= 0 || w[i].outputs() < 1) {
                    w[i] = Windows.sliding(size[i], k, 1, 0, 1, false);
                }
            }
        }
        return w;
    }

    private static float[] data(Random r, int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(20);
            d[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.NEGATIVE_INFINITY : kind == 2 ? Float.POSITIVE_INFINITY
                    : kind < 8 ? r.nextInt(3) : r.nextFloat() * 4 - 2;
        }
        return d;
    }

    @TestFactory
    List<DynamicTest> fastMatchesReference() {
        List<DynamicTest> tests = new ArrayList<>();
        List<PoolEngine> engines = engines();
        for (int e = 0; e < engines.size(); e++) {
            PoolEngine engine = engines.get(e);
            for (int seed = 0; seed < 80; seed++) {
                int s = seed;
                tests.add(DynamicTest.dynamicTest("engine " + e + " seed " + seed, () -> compare(engine, s)));
            }
        }
        return tests;
    }

    private static void compare(PoolEngine fast, int s) {
                {
                Random r = new Random(s);
                int[] size = {r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1, 1 + r.nextInt(9), 1 + r.nextInt(r.nextBoolean() ? 11 : 70)};
                int planes = 1 + r.nextInt(4);
                AxisWindows[] w = windows(r, size);
                int outPlane = w[0].outputs() * w[1].outputs() * w[2].outputs();
                float[] in = data(r, planes * size[0] * size[1] * size[2]);
                for (boolean absolute : new boolean[] {false, true}) {
                    float[] refOut = new float[planes * outPlane];
                    int[] refIdx = new int[refOut.length];
                    float[] fastOut = new float[refOut.length];
                    int[] fastIdx = new int[refOut.length];
                    PoolEngine.REFERENCE.max(in, planes, size, w, refOut, refIdx, absolute);
                    fast.max(in, planes, size, w, fastOut, fastIdx, absolute);
                    assertThat(fastIdx).as("indices").containsExactly(refIdx);
                    assertThat(fastOut).as("values").containsExactly(refOut);
                    // inference asks for no indices: a kernel of its own, the same values
                    float[] valuesOnly = new float[refOut.length];
                    fast.max(in, planes, size, w, valuesOnly, null, absolute);
                    assertThat(valuesOnly).as("values without indices").containsExactly(refOut);
                }
                float[] finite = new float[in.length];
                for (int i = 0; i < in.length; i++) {
                    finite[i] = r.nextFloat() * 2 - 1;
                }
                float[] perWindow = new float[planes * outPlane];
                int[] idx = new int[perWindow.length];
                for (int i = 0; i < perWindow.length; i++) {
                    perWindow[i] = r.nextFloat() * 2 - 1;
                    idx[i] = r.nextInt(size[0] * size[1] * size[2]);
                }
                assertClose(fast.sums(finite, planes, size, w), PoolEngine.REFERENCE.sums(finite, planes, size, w));
                double[] meanDivisors = new double[outPlane];
                for (int i = 0; i < outPlane; i++) {
                    meanDivisors[i] = 1 + r.nextInt(9);
                }
                assertClose(fast.means(finite, planes, size, w, meanDivisors),
                        PoolEngine.REFERENCE.means(finite, planes, size, w, meanDivisors));
                comparePowerSums(fast, r, finite, planes, size, w);
                assertClose(fast.spread(perWindow, planes, size, w), PoolEngine.REFERENCE.spread(perWindow, planes, size, w));
                int inPlane = size[0] * size[1] * size[2];
                assertClose(fast.route(idx, perWindow, planes, inPlane, outPlane),
                        PoolEngine.REFERENCE.route(idx, perWindow, planes, inPlane, outPlane));
                // the backward of a forward: indices selected in these windows (ties and NaN in the data),
                // stored once each where the windows are disjoint, else accumulated
                int[] selected = new int[planes * outPlane];
                PoolEngine.REFERENCE.max(in, planes, size, w, new float[selected.length], selected, false);
                assertClose(fast.route(selected, perWindow, planes, size, w),
                        PoolEngine.REFERENCE.route(selected, perWindow, planes, inPlane, outPlane));
                // average backwards: whole-number divisors (float division) and others (double division)
                double[] divisors = new double[outPlane];
                boolean whole = r.nextBoolean();
                for (int i = 0; i < outPlane; i++) {
                    divisors[i] = whole ? 1 + r.nextInt(9) : 0.3 + r.nextDouble() * 7;
                }
                assertClose(fast.spreadDivided(perWindow, divisors, planes, size, w),
                        PoolEngine.REFERENCE.spreadDivided(perWindow, divisors, planes, size, w));
                }
    }

    /** LP's fused powers and window sums for p = 1, 2, 3 and 2.5, and the overflow answer, against the reference. */
    private static void comparePowerSums(PoolEngine fast, Random r, float[] finite, int planes, int[] size, AxisWindows[] w) {
        int outPlane = w[0].outputs() * w[1].outputs() * w[2].outputs();
        float[] positive = new float[finite.length];
        for (int i = 0; i < finite.length; i++) {
            positive[i] = Math.abs(finite[i]) * 2;
        }
        for (double p : new double[] {1, 2, 3, 2.5}) {
            float[] x = p == 2.5 ? positive : finite;
            float[] expected = new float[planes * outPlane];
            float[] actual = new float[expected.length];
            assertThat(PoolEngine.REFERENCE.powerSums(x, planes, size, w, p, 1e30, expected)).as("reference in float, p=%s", p).isTrue();
            assertThat(fast.powerSums(x, planes, size, w, p, 1e30, actual)).as("fast in float, p=%s", p).isTrue();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("p=%s element %d", p, i).isCloseTo(expected[i],
                        org.assertj.core.data.Offset.offset(1e-5f * Math.max(1, Math.abs(expected[i]))));
            }
            compareLpForward(fast, x, planes, size, w, p);
            // one power past the bound sends both to double sums
            float[] large = x.clone();
            large[r.nextInt(large.length)] = 1e20f;
            assertThat(fast.powerSums(large, planes, size, w, p, 1e19, actual)).as("fast past the bound, p=%s", p).isFalse();
            assertThat(PoolEngine.REFERENCE.powerSums(large, planes, size, w, p, 1e19, expected)).isFalse();
            // a NaN power stays in float: NaN in the windows that read it, the others as before
            if (x.length > 0) {
                float[] withNaN = x.clone();
                withNaN[r.nextInt(withNaN.length)] = Float.NaN;
                sameFloatSums(fast, withNaN, planes, size, w, p);
            }
        }
        if (finite.length > 0) {
            // a negative element with fractional p has a NaN power: still float sums
            float[] negative = positive.clone();
            negative[r.nextInt(negative.length)] = -1;
            sameFloatSums(fast, negative, planes, size, w, 2.5);
        }
    }

    /** LP's whole float forward (sums, scaling by K / n, roots) against the reference's, p = 1, 2, 3 and 2.5. */
    private static void compareLpForward(PoolEngine fast, float[] x, int planes, int[] size, AxisWindows[] w, double p) {
        double[] extents = Windows.divisors(w, true, null);
        // the largest window's count: as for a pool whose ceil-mode windows are cut short
        double kernelVolume = java.util.Arrays.stream(extents).max().orElse(1);
        int n = planes * extents.length;
        float[] expectedSums = new float[n];
        float[] expected = new float[n];
        float[] actualSums = new float[n];
        float[] actual = new float[n];
        assertThat(PoolEngine.REFERENCE.lpForward(x, planes, size, w, p, 1e30, extents, kernelVolume, expectedSums, expected))
                .isTrue();
        assertThat(fast.lpForward(x, planes, size, w, p, 1e30, extents, kernelVolume, actualSums, actual)).isTrue();
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(expected[i])) {
                assertThat(actual[i]).as("lp p=%s output %d", p, i).isNaN();
            } else {
                assertThat(actual[i]).as("lp p=%s output %d", p, i).isCloseTo(expected[i],
                        org.assertj.core.data.Offset.offset(2e-5f * Math.max(1, Math.abs(expected[i]))));
            }
        }
    }

    private static void sameFloatSums(PoolEngine fast, float[] x, int planes, int[] size, AxisWindows[] w, double p) {
        float[] expected = new float[planes * w[0].outputs() * w[1].outputs() * w[2].outputs()];
        float[] actual = new float[expected.length];
        assertThat(PoolEngine.REFERENCE.powerSums(x, planes, size, w, p, 1e30, expected)).as("reference, NaN power, p=%s", p).isTrue();
        assertThat(fast.powerSums(x, planes, size, w, p, 1e30, actual)).as("fast, NaN power, p=%s", p).isTrue();
        PoolAssertions.assertMatchesReference("p=" + p, actual, expected, 1e-5f);
    }

    @Test
    void globalPoolingIsOneReductionPerPlane() {
        Random r = new Random(5);
        for (int seed = 0; seed < 30; seed++) {
            int[] size = {r.nextInt(3) == 0 ? 1 + r.nextInt(4) : 1, 1 + r.nextInt(9), 1 + r.nextInt(40)};
            AxisWindows[] w = {Windows.adaptive(size[0], 1), Windows.adaptive(size[1], 1), Windows.adaptive(size[2], 1)};
            int planes = 1 + r.nextInt(70);
            float[] in = new float[planes * size[0] * size[1] * size[2]];
            for (int i = 0; i < in.length; i++) {
                in[i] = r.nextFloat() * 2 - 1;
            }
            double[] count = {size[0] * size[1] * size[2]};
            for (PoolEngine fast : engines()) {
                float[] means = fast.means(in, planes, size, w, count);
                float[] expectedMeans = PoolEngine.REFERENCE.means(in, planes, size, w, count);
                float[] sums = fast.sums(in, planes, size, w);
                float[] expectedSums = PoolEngine.REFERENCE.sums(in, planes, size, w);
                for (int q = 0; q < planes; q++) {
                    // up to 1440 float additions against the reference's double ones
                    assertThat(means[q]).isCloseTo(expectedMeans[q], org.assertj.core.data.Offset.offset(1e-6f));
                    assertThat(sums[q]).isCloseTo(expectedSums[q], org.assertj.core.data.Offset.offset(1e-6f * (float) count[0]));
                    // pool12: the mean is the sum's quotient in double, rounded (taken in float, a vector at a time)
                    assertThat(means[q]).isEqualTo((float) (sums[q] / count[0]));
                }
            }
        }
    }

    @Test
    void globalMeansOfShortPlanesHaveTheProviderSumsBits() {
        // pool14: planes of three whole vectors and a tail (7x7 at 16 lanes) take their own loop; every plane length
        // up to 70 floats (each provider's short, one-, two- and three-vector and long forms): below four vectors against the
        // provider's own per-plane sum divided in float, bit for bit; all of them alike on 1, 2 and 3 threads. Magnitudes spread over 2^-20..2^20 make the
        // order of additions show in the bits; some planes are all -0 (+0 is the sum's sign), some hold NaN or inf.
        int before = Parallel.threads();
        Random r = new Random(14);
        try {
            for (int n = 1; n <= 70; n++) {
                // pool54: 3x3, 5x5 and 6x6 planes (the short, one- and two-vector loops at 16 lanes) enough of them to
                // split into several tasks at 2 and 3 threads
                // gap57: one-vector planes with a tail (17-31 floats at 16 lanes) two blocks of 16 gathered planes or more
                int planes = n == 49 ? 800 : n == 9 || n == 25 || n == 36 ? 2100 : n > 16 && n < 32 ? 33 + r.nextInt(40)
                        : 1 + r.nextInt(40);
                float[] in = new float[planes * n];
                for (int i = 0; i < in.length; i++) {
                    in[i] = (float) (r.nextGaussian() * Math.scalb(1.0, r.nextInt(41) - 20));
                }
                for (int q = 0; q < planes; q += 7) {
                    java.util.Arrays.fill(in, q * n, (q + 1) * n, -0f);
                }
                for (int q = 3; q < planes; q += 11) {
                    in[q * n + r.nextInt(n)] = r.nextBoolean() ? Float.NaN : Float.POSITIVE_INFINITY;
                }
                int[] size = {1, 1, n};
                AxisWindows[] w = {Windows.adaptive(1, 1), Windows.adaptive(1, 1), Windows.adaptive(n, 1)};
                double[] count = {n};
                for (dev.convkit.core.kernels.KernelProvider provider : dev.convkit.core.testing.Providers.all()) {
                    PoolEngine engine = PoolEngine.fast(provider);
                    Parallel.setThreads(1);
                    float[] means = engine.means(in, planes, size, w, count);
                    int lanes = provider.vectorOps().gradientLanes();
                    // planes of four vectors or more sum with two accumulators (pool12): their own order
                    for (int q = 0; q < planes && (lanes == 1 || n < 4 * lanes); q++) {
                        float expected = provider.vectorOps().sum(in, q * n, n) / (float) n;
                        assertThat(Float.floatToRawIntBits(means[q])).as("%s, n %d, plane %d", provider.name(), n, q)
                                .isEqualTo(Float.floatToRawIntBits(expected));
                    }
                    for (int threads = 2; threads <= 3; threads++) {
                        Parallel.setThreads(threads);
                        assertThat(engine.means(in, planes, size, w, count)).as("%s, n %d, %d threads", provider.name(), n,
                                threads).containsExactly(means);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void globalMeansOfLongPlanesKeepTheTwoAccumulatorOrder() {
        // pool55: planes of four to twelve whole vectors add them written out in the plane loop, longer ones in a
        // loop; every plane must still get its own two-accumulator sum (even and odd vectors), the pairwise lane sum,
        // then its tail in order,
        // bit for bit (a model of those additions in scalar), with block remainders and tails of 0 to lanes - 1 floats
        int before = Parallel.threads();
        Random r = new Random(55);
        try {
            for (dev.convkit.core.kernels.KernelProvider provider : dev.convkit.core.testing.Providers.all()) {
                int lanes = provider.vectorOps().gradientLanes();
                if (lanes == 1) {
                    continue;
                }
                int[] lengths = {4 * lanes, 4 * lanes + 1, 5 * lanes - 1, 81, 100, 121, 144, 169, 196, 7 * lanes + 3,
                        12 * lanes + lanes - 1, 13 * lanes, 13 * lanes + 5, 20 * lanes + 3};
                for (int n : lengths) {
                    for (int planes : new int[] {1, lanes - 1, lanes, lanes + 5, 3 * lanes + 7, 2100}) {
                        float[] in = new float[planes * n];
                        for (int i = 0; i < in.length; i++) {
                            in[i] = (float) (r.nextGaussian() * Math.scalb(1.0, r.nextInt(41) - 20));
                        }
                        for (int q = 2; q < planes; q += 7) {
                            java.util.Arrays.fill(in, q * n, (q + 1) * n, -0f);
                        }
                        for (int q = 3; q < planes; q += 11) {
                            in[q * n + r.nextInt(n)] = r.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY;
                        }
                        int[] size = {1, 1, n};
                        AxisWindows[] w = {Windows.adaptive(1, 1), Windows.adaptive(1, 1), Windows.adaptive(n, 1)};
                        PoolEngine engine = PoolEngine.fast(provider);
                        Parallel.setThreads(1);
                        float[] means = engine.means(in, planes, size, w, new double[] {n});
                        for (int q = 0; q < planes; q++) {
                            float expected = twoAccumulatorSum(in, q * n, n, lanes) / (float) n;
                            assertThat(Float.floatToRawIntBits(means[q])).as("%s, n %d, %d planes, plane %d",
                                    provider.name(), n, planes, q).isEqualTo(Float.floatToRawIntBits(expected));
                        }
                        Parallel.setThreads(2);
                        assertThat(engine.means(in, planes, size, w, new double[] {n})).as("%s, n %d, %d planes, 2 threads",
                                provider.name(), n, planes).containsExactly(means);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** The long planes' sum in scalar: even and odd whole vectors in two accumulators, their lanes pairwise, the tail. */
    private static float twoAccumulatorSum(float[] in, int base, int n, int lanes) {
        float[] even = new float[lanes];
        float[] odd = new float[lanes];
        int i = 0;
        for (; i <= n - 2 * lanes; i += 2 * lanes) {
            for (int l = 0; l < lanes; l++) {
                even[l] += in[base + i + l];
                odd[l] += in[base + i + lanes + l];
            }
        }
        if (i <= n - lanes) {
            for (int l = 0; l < lanes; l++) {
                even[l] += in[base + i + l];
            }
            i += lanes;
        }
        float[] v = new float[lanes];
        for (int l = 0; l < lanes; l++) {
            v[l] = even[l] + odd[l];
        }
        for (int step = lanes / 2; step >= 1; step /= 2) {
            float[] next = new float[lanes];
            for (int l = 0; l < lanes; l++) {
                next[l] = v[l] + v[l ^ step];
            }
            v = next;
        }
        float s = v[0];
        for (; i < n; i++) {
            s += in[base + i];
        }
        return s;
    }

    @Test
    void emptyOutputsReadNothing() {
        // adaptive output size 0 (PyTorch allows it): no windows, no short row
        int[] size = {1, 3, 5};
        AxisWindows[] w = {Windows.adaptive(1, 1), Windows.adaptive(3, 2), Windows.adaptive(5, 0)};
        float[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        for (PoolEngine fast : engines()) {
            fast.max(in, 1, size, w, new float[0], new int[0], false);
            fast.max(in, 1, size, w, new float[0], null, false);
            assertThat(fast.means(in, 1, size, w, new double[0])).isEmpty();
            assertThat(fast.powerSums(in, 1, size, w, 3, 1e30, new float[0])).isTrue();
        }
    }

    @Test
    void rowsFirstMaxKeepsRowMajorOrderOnTies() {
        // 28 -> 7 adaptive (4x4 windows, stride 4: the rows-first path); few distinct values, so many ties and NaNs
        int[] size = {1, 28, 28};
        AxisWindows[] w = {Windows.adaptive(1, 1), Windows.adaptive(28, 7), Windows.adaptive(28, 7)};
        Random r = new Random(11);
        float[] in = new float[3 * 784];
        for (int i = 0; i < in.length; i++) {
            int k = r.nextInt(10);
            in[i] = k == 0 ? Float.NaN : k == 1 ? Float.NEGATIVE_INFINITY : r.nextInt(2);
        }
        float[] refOut = new float[3 * 49];
        int[] refIdx = new int[refOut.length];
        PoolEngine.REFERENCE.max(in, 3, size, w, refOut, refIdx, false);
        for (PoolEngine fast : engines()) {
            float[] out = new float[refOut.length];
            int[] idx = new int[refOut.length];
            fast.max(in, 3, size, w, out, idx, false);
            assertThat(idx).containsExactly(refIdx);
            assertThat(out).containsExactly(refOut);
        }
    }

    @Test
    void rowKernelsEndingAtTheArraysEndMatchTheReference() {
        // the last plane's last windows: their whole-vector loads would pass the array's end, so they
        // take the scalar rows (max, max with indices, sums; stride 1, 2 and the rows-first 3)
        Random r = new Random(17);
        for (int width : new int[] {33, 40, 47, 64, 70}) {
            for (int stride = 1; stride <= 3; stride++) {
                for (int k = 2; k <= 3; k++) {
                    int[] size = {1, 6, width};
                    AxisWindows[] w = {Windows.adaptive(1, 1), Windows.sliding(6, k, stride, 0, 1, false),
                        Windows.sliding(width, k, stride, 0, 1, false)};
                    int n = 3 * w[1].outputs() * w[2].outputs();
                    float[] in = data(r, 3 * 6 * width);
                    float[] finite = new float[in.length];
                    for (int i = 0; i < finite.length; i++) {
                        finite[i] = r.nextFloat() * 2 - 1;
                    }
                    float[] refOut = new float[n];
                    int[] refIdx = new int[n];
                    PoolEngine.REFERENCE.max(in, 3, size, w, refOut, refIdx, false);
                    float[] firstSums = null;
                    for (PoolEngine fast : engines()) {
                        float[] out = new float[n];
                        int[] idx = new int[n];
                        fast.max(in, 3, size, w, out, idx, false);
                        assertThat(out).as("width %d stride %d k %d", width, stride, k).containsExactly(refOut);
                        assertThat(idx).containsExactly(refIdx);
                        float[] valuesOnly = new float[n];
                        fast.max(in, 3, size, w, valuesOnly, null, false);
                        assertThat(valuesOnly).containsExactly(refOut);
                        float[] sums = fast.sums(finite, 3, size, w);
                        assertClose(sums, PoolEngine.REFERENCE.sums(finite, 3, size, w));
                        // every fast engine adds each window in the same order: the same bits on any provider
                        if (firstSums == null) {
                            firstSums = sums;
                        } else {
                            assertThat(sums).containsExactly(firstSums);
                        }
                    }
                }
            }
        }
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void powersMatchMathPow() {
        Random r = new Random(3);
        float[] x = new float[1003];
        for (int i = 0; i < x.length; i++) {
            int kind = r.nextInt(12);
            x[i] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 ? Float.POSITIVE_INFINITY : kind == 3 ? Float.NaN
                    : kind == 4 ? -r.nextFloat() : kind == 5 ? Float.MIN_VALUE * (1 + r.nextInt(100))
                    : (float) Math.exp(r.nextGaussian() * 20);
        }
        for (PoolEngine engine : engines()) {
            for (double p : new double[] {2.5, 0.5, 1.5, 3.7, 7.25, 0.01, -0.5, -1.3, 64.5}) {
                double[] actual = engine.powers(x, p);
                for (int i = 0; i < x.length; i++) {
                    double expected = Math.pow(x[i], p);
                    if (expected < 1e-300 || Double.isInfinite(expected) || Double.isNaN(expected)) {
                        // outside double's normal range the vector path flushes to zero or saturates, as the doc says
                        assertThat(actual[i]).as("x=%s p=%s", x[i], p).satisfiesAnyOf(
                                a -> assertThat(Double.valueOf(a)).isEqualTo(Double.valueOf(expected)),
                                a -> assertThat(expected).isLessThan(1e-300).isGreaterThanOrEqualTo(0),
                                a -> assertThat(a).isInfinite());
                    } else {
                        assertThat(actual[i]).as("x=%s p=%s", x[i], p)
                                .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-10));
                    }
                }
            }
        }
    }

    @Test
    void wholePowersAreTheScalarDefinitionBitForBit() {
        Random r = new Random(17);
        float[] x = new float[1003];
        for (int i = 0; i < x.length; i++) {
            int kind = r.nextInt(10);
            x[i] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 ? Float.NEGATIVE_INFINITY : kind == 3 ? Float.NaN
                    : kind == 4 ? -r.nextFloat() * 1e10f : (float) (r.nextGaussian() * Math.exp(r.nextGaussian() * 5));
        }
        for (dev.convkit.core.kernels.KernelProvider provider : dev.convkit.core.testing.Providers.all()) {
            for (int e : new int[] {0, 1, 2, 3, 4, 7, 12, 33, 64}) {
                // an offset and a length that leave a scalar tail
                float[] out = new float[x.length];
                provider.vectorOps().wholePowers(x, 2, out, 1, x.length - 3, e);
                for (int i = 0; i < x.length - 3; i++) {
                    float expected = (float) dev.convkit.core.kernels.VectorOps.wholePower(x[2 + i], e);
                    assertThat(Float.floatToRawIntBits(out[1 + i])).as("%s: %s^%d", provider.name(), x[2 + i], e)
                            .isEqualTo(Float.floatToRawIntBits(expected));
                }
            }
        }
    }

    @Test
    void halfWholePowersAreTheScalarDefinitionBitForBitAndCloseToPow() {
        Random r = new Random(19);
        float[] x = new float[1003];
        for (int i = 0; i < x.length; i++) {
            int kind = r.nextInt(10);
            x[i] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 ? Float.POSITIVE_INFINITY : kind == 3 ? Float.NaN
                    : kind == 4 ? -r.nextFloat() * 1e3f : (float) Math.abs(r.nextGaussian() * Math.exp(r.nextGaussian() * 3));
        }
        for (dev.convkit.core.kernels.KernelProvider provider : dev.convkit.core.testing.Providers.all()) {
            for (int e : new int[] {1, 2, 3, 6, 17}) {
                float[] out = new float[x.length];
                provider.vectorOps().halfWholePowers(x, 2, out, 1, x.length - 3, e);
                for (int i = 0; i < x.length - 3; i++) {
                    float v = x[2 + i];
                    float expected = (float) dev.convkit.core.kernels.VectorOps.halfWholePower(v, e);
                    assertThat(Float.floatToRawIntBits(out[1 + i])).as("%s: %s^(%d.5)", provider.name(), v, e)
                            .isEqualTo(Float.floatToRawIntBits(expected));
                    // and Math.pow's value: NaN for a negative x, +0 for -0, within a float's rounding otherwise
                    float pow = (float) Math.pow(v, e + 0.5);
                    if (Float.isNaN(pow) || pow == 0 || Float.isInfinite(pow)) {
                        assertThat(Float.floatToRawIntBits(out[1 + i])).as("%s^(%d.5)", v, e)
                                .isEqualTo(Float.floatToRawIntBits(pow));
                    } else {
                        assertThat(Math.abs(out[1 + i] - pow)).as("%s^(%d.5)", v, e).isLessThanOrEqualTo(Math.ulp(pow));
                    }
                }
            }
        }
    }

    @Test
    void timesPowerSlopesIsTheScalarDefinitionBitForBitOnEveryProvider() {
        Random r = new Random(23);
        float[] x = new float[1003];
        float[] grad = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int kind = r.nextInt(10);
            x[i] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 ? Float.NaN : kind == 3 ? -r.nextFloat() * 1e3f
                    : (float) (r.nextGaussian() * Math.exp(r.nextGaussian() * 3));
            grad[i] = (float) r.nextGaussian();
        }
        for (dev.convkit.core.kernels.KernelProvider provider : dev.convkit.core.testing.Providers.all()) {
            for (boolean half : new boolean[] {false, true}) {
                for (int e : new int[] {0, 1, 2, 5, 17}) {
                    double p = e + (half ? 1.5 : 1);
                    float[] out = grad.clone();
                    // an offset and a length that leave a scalar tail, and elements outside left alone
                    provider.vectorOps().timesPowerSlopes(out, x, 2, x.length - 3, p, e, half);
                    for (int i = 0; i < x.length; i++) {
                        double power = half ? dev.convkit.core.kernels.VectorOps.halfWholePower(x[i], e)
                                : dev.convkit.core.kernels.VectorOps.wholePower(x[i], e);
                        float product = (float) (grad[i] * (p * power));
                        float expected = i < 2 || i >= x.length - 1 ? grad[i] : product != product ? Float.NaN : product;
                        assertThat(Float.floatToRawIntBits(out[i])).as("%s: %s, p %s", provider.name(), x[i], p)
                                .isEqualTo(Float.floatToRawIntBits(expected));
                    }
                }
            }
        }
    }

    @Test
    void disjointRouteStoresSelectionsAsTheAccumulatingRouteAdds() {
        // 2x2 windows at stride 2 share no element: the route stores; -0 must come out +0 as 0 + -0 does
        int[] size = {1, 6, 6};
        AxisWindows[] w = {Windows.adaptive(1, 1), Windows.sliding(6, 2, 2, 0, 1, false), Windows.sliding(6, 2, 2, 0, 1, false)};
        float[] in = new float[2 * 36];
        for (int i = 0; i < in.length; i++) {
            in[i] = (i * 7) % 11;
        }
        float[] gradOutput = {-0f, 1, 2, 3, 4, 5, 6, 7, Float.NaN, 9, 10, 11, 12, 13, 14, 15, 16, -17};
        int[] selected = new int[gradOutput.length];
        for (PoolEngine fast : engines()) {
            fast.max(in, 2, size, w, new float[selected.length], selected, false);
            float[] routed = fast.route(selected, gradOutput, 2, size, w);
            assertThat(routed).containsExactly(PoolEngine.REFERENCE.route(selected, gradOutput, 2, 36, 9));
            assertThat(Float.floatToRawIntBits(routed[(int) selected[0]])).as("+0, not -0").isZero();
        }
    }

    @Test
    void threadCountDoesNotChangeResults() {
        int before = Parallel.threads();
        PoolEngine fast = engines().get(engines().size() - 1);
        try {
            Random r = new Random(9);
            int[] size = {1, 40, 40};
            AxisWindows[] w = {Windows.adaptive(1, 1), Windows.sliding(40, 3, 2, 1, 1, true), Windows.sliding(40, 3, 2, 1, 1, true)};
            float[] in = data(r, 64 * 1600);
            float[] perWindow = data(r, 64 * w[1].outputs() * w[2].outputs());
            Parallel.setThreads(1);
            float[] s1 = fast.sums(in, 64, size, w);
            float[] g1 = fast.spread(perWindow, 64, size, w);
            // overlapping windows (kernel 3, stride 2): the spread sums several window gradients per element
            assertThat(g1).as("a spread of random gradients").isNotEqualTo(new float[g1.length]);
            // 3-d windows (the D pass) and disjoint ones (the stored route)
            int[] volume = {6, 20, 20};
            AxisWindows[] w3 = {Windows.sliding(6, 2, 1, 0, 1, false), Windows.sliding(20, 3, 2, 1, 1, true),
                Windows.adaptive(20, 7)};
            AxisWindows[] disjoint = {Windows.adaptive(1, 1), Windows.sliding(40, 2, 2, 0, 1, false),
                Windows.sliding(40, 3, 3, 1, 1, true)};
            float[] perWindow3 = data(r, 64 * 5 * w3[1].outputs() * 7);
            float[] perDisjoint = data(r, 64 * disjoint[1].outputs() * disjoint[2].outputs());
            int[] selected = new int[perDisjoint.length];
            fast.max(in, 64, size, disjoint, new float[selected.length], selected, false);
            double[] divisors = Windows.divisors(w3, false, null);
            float[] v1 = fast.spreadDivided(perWindow3, divisors, 64, volume, w3);
            float[] r1 = fast.route(selected, perDisjoint, 64, size, disjoint);
            // the rows-first and fused forwards: adaptive 40 -> 7 windows (no uniform run), LP p = 3
            AxisWindows[] adaptive = {Windows.adaptive(1, 1), Windows.adaptive(40, 7), Windows.adaptive(40, 7)};
            double[] adaptiveDivisors = new double[49];
            java.util.Arrays.fill(adaptiveDivisors, 36);
            float[] finite = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                finite[i] = r.nextFloat() * 2 - 1;
            }
            float[] m1 = fast.means(in, 64, size, adaptive, adaptiveDivisors);
            float[] x1 = new float[64 * 49];
            int[] i1 = new int[x1.length];
            fast.max(in, 64, size, adaptive, x1, i1, false);
            float[] l1 = new float[64 * w[1].outputs() * w[2].outputs()];
            assertThat(fast.powerSums(finite, 64, size, w, 3, 1e30, l1)).isTrue();
            double[] extents = Windows.divisors(w, true, null);
            float[][] lp1 = new float[4][l1.length];
            double[] ps = {1, 2, 3, 2.5};
            for (int k = 0; k < ps.length; k++) {
                assertThat(fast.lpForward(finite, 64, size, w, ps[k], 1e30, extents, 9, new float[l1.length], lp1[k])).isTrue();
            }
            Parallel.setThreads(2);
            for (int k = 0; k < ps.length; k++) {
                float[] lp2 = new float[l1.length];
                assertThat(fast.lpForward(finite, 64, size, w, ps[k], 1e30, extents, 9, new float[l1.length], lp2)).isTrue();
                assertThat(lp2).as("lp p=%s", ps[k]).containsExactly(lp1[k]);
            }
            assertThat(fast.sums(in, 64, size, w)).containsExactly(s1);
            assertThat(fast.spread(perWindow, 64, size, w)).containsExactly(g1);
            assertThat(fast.spreadDivided(perWindow3, divisors, 64, volume, w3)).containsExactly(v1);
            assertThat(fast.route(selected, perDisjoint, 64, size, disjoint)).containsExactly(r1);
            assertThat(fast.means(in, 64, size, adaptive, adaptiveDivisors)).containsExactly(m1);
            float[] x2 = new float[x1.length];
            int[] i2 = new int[x1.length];
            fast.max(in, 64, size, adaptive, x2, i2, false);
            assertThat(x2).containsExactly(x1);
            assertThat(i2).containsExactly(i1);
            float[] l2 = new float[l1.length];
            assertThat(fast.powerSums(finite, 64, size, w, 3, 1e30, l2)).isTrue();
            assertThat(l2).containsExactly(l1);
        } finally {
            Parallel.setThreads(before);
        }
    }

    // pool8: stride-1 means rows first (column sums, sliding sums, vector quotients) and global means split in shares

    @Test
    void strideOneMeansMatchTheReferenceAndAnyThreadCount() {
        int before = Parallel.threads();
        try {
            Random r = new Random(23);
            for (int k = 2; k <= 5; k++) {
                for (int width : new int[] {7, 30, 56, 57}) {
                    int[] size = {1, 20, width};
                    AxisWindows[] w = {Windows.adaptive(1, 1), Windows.sliding(20, k, 1, k / 2, 1, false),
                        Windows.sliding(width, k, 1, k / 2, 1, false)};
                    int planes = 40;
                    float[] in = new float[planes * 20 * width];
                    for (int i = 0; i < in.length; i++) {
                        in[i] = r.nextFloat() * 4 - 2;
                    }
                    for (boolean excludePad : new boolean[] {false, true}) {
                        double[] divisors = Windows.divisors(w, excludePad, null);
                        float[] expected = PoolEngine.REFERENCE.means(in, planes, size, w, divisors);
                        for (PoolEngine fast : engines()) {
                            Parallel.setThreads(1);
                            float[] one = fast.means(in, planes, size, w, divisors);
                            assertClose(one, expected);
                            Parallel.setThreads(2);
                            assertThat(fast.means(in, planes, size, w, divisors)).as("k %d width %d", k, width)
                                    .containsExactly(one);
                        }
                    }
                }
            }
            // global means with enough planes to be split between threads
            int[] size = {1, 7, 7};
            AxisWindows[] global = {Windows.adaptive(1, 1), Windows.adaptive(7, 1), Windows.adaptive(7, 1)};
            int planes = 8 * 2048;
            float[] in = new float[planes * 49];
            for (int i = 0; i < in.length; i++) {
                in[i] = r.nextFloat() * 2 - 1;
            }
            for (PoolEngine fast : engines()) {
                Parallel.setThreads(1);
                float[] one = fast.means(in, planes, size, global, new double[] {49});
                Parallel.setThreads(2);
                assertThat(fast.means(in, planes, size, global, new double[] {49})).containsExactly(one);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
