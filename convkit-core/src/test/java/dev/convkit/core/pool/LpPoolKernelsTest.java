package dev.convkit.core.pool;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.testing.Providers;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** lp9: LP pooling's fused forward for p in {1, 1.5, 2, 2.5, 3, 4} against the reference, and the whole backward (p = 1.5 now takes √x slopes) against the chain rule. */
class LpPoolKernelsTest {
    /** lp52: 1.3 and 3.7 take the float-accuracy general powers (GeneralPowers) for their powers and roots. */
    private static final double[] PS = {1, 1.3, 1.5, 2, 2.5, 3, 3.7, 4};

    /** The fused forward against the reference engine on odd sizes with ceil-mode windows cut short, and bitwise the same on 1 and 2 threads. */
    @Test
    void forwardMatchesTheReferenceAndTheThreadCountChangesNoBit() {
        int before = Parallel.threads();
        try {
            Random r = new Random(11);
            int[] size = {1, 13, 17};
            int planes = 37;
            float[] signed = new float[planes * size[1] * size[2]];
            float[] positive = new float[signed.length];
            for (int i = 0; i < signed.length; i++) {
                signed[i] = (float) r.nextGaussian();
                positive[i] = Math.abs(signed[i]) + 0.01f;
            }
            AxisWindows[][] windowSets = {
                {Windows.adaptive(1, 1), Windows.sliding(13, 3, 2, 0, 1, true), Windows.sliding(17, 3, 2, 0, 1, true)},
                {Windows.adaptive(1, 1), Windows.sliding(13, 3, 3, 0, 1, true), Windows.sliding(17, 3, 3, 0, 1, true)},
                {Windows.adaptive(1, 1), Windows.sliding(13, 2, 2, 0, 1, true), Windows.sliding(17, 2, 2, 0, 1, true)},
            };
            for (KernelProvider provider : Providers.all()) {
                PoolEngine fast = PoolEngine.fast(provider);
                for (AxisWindows[] w : windowSets) {
                    double[] extents = Windows.divisors(w, true, null);
                    int n = planes * extents.length;
                    double kernelVolume = java.util.Arrays.stream(extents).max().orElse(1);
                    for (double p : PS) {
                        // signed data for whole p (odd p: negative window sums give NaN in both), positive for half p
                        float[] x = p == Math.rint(p) ? signed : positive;
                        float[] expected = new float[n];
                        assertThat(PoolEngine.REFERENCE.lpForward(x, planes, size, w, p, 1e30, extents, kernelVolume, new float[n],
                                expected)).isTrue();
                        Parallel.setThreads(1);
                        float[] one = new float[n];
                        assertThat(fast.lpForward(x, planes, size, w, p, 1e30, extents, kernelVolume, new float[n], one)).isTrue();
                        Parallel.setThreads(2);
                        float[] two = new float[n];
                        assertThat(fast.lpForward(x, planes, size, w, p, 1e30, extents, kernelVolume, new float[n], two)).isTrue();
                        assertThat(two).as("%s p=%s", provider.name(), p).containsExactly(one);
                        PoolAssertions.assertMatchesReference(provider.name() + " p=" + p, one, expected, 2e-5f);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * A whole p past the multiplied powers (65, 66) on signed inputs: x^p keeps a negative x's sign for odd p and drops
     * it for even p, as the reference's Math.pow and PyTorch's pow do, so an even p's windows are never NaN (the
     * fractional powers' NaN below zero must not reach them) and both providers match the reference.
     */
    @Test
    void wholePowersPastTheMultipliedOnesKeepTheReferencesSigns() {
        Random r = new Random(65);
        int[] size = {1, 9, 11};
        int planes = 5;
        float[] x = new float[planes * size[1] * size[2]];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 0.4); // |x|^66 stays far inside a float sum
        }
        AxisWindows[] w = {Windows.adaptive(1, 1), Windows.sliding(9, 2, 2, 0, 1, false), Windows.sliding(11, 2, 2, 0, 1, false)};
        double[] extents = Windows.divisors(w, true, null);
        int n = planes * extents.length;
        double kernelVolume = java.util.Arrays.stream(extents).max().orElse(1);
        for (double p : new double[] {65, 66}) {
            float[] expected = new float[n];
            assertThat(PoolEngine.REFERENCE.lpForward(x, planes, size, w, p, 1e30, extents, kernelVolume, new float[n],
                    expected)).isTrue();
            if (p == 66) {
                for (float e : expected) {
                    assertThat(e).isNotNaN();
                }
            }
            for (KernelProvider provider : Providers.all()) {
                // the double powers of the overflow path and of the backward's slopes (exponent p - 1)
                double[] powers = PoolEngine.fast(provider).powers(x, p - 1);
                for (int i = 0; i < x.length; i++) {
                    assertThat(powers[i]).as("%s x^%s of %s", provider.name(), p - 1, x[i]).isEqualTo(Math.pow(x[i], p - 1));
                }
                float[] got = new float[n];
                assertThat(PoolEngine.fast(provider).lpForward(x, planes, size, w, p, 1e30, extents, kernelVolume,
                        new float[n], got)).isTrue();
                PoolAssertions.assertMatchesReference(provider.name() + " p=" + p, got, expected, 2e-5f);
            }
        }
    }

    /**
     * pool24: the forward on odd widths (7, 13, 15, 27, 55) at every stride 1-4, kernels 2-5, padding 0 and 1, floor and
     * ceil mode, for whole and fractional p, on both providers: within tolerance of the reference, the same bits on 1, 2
     * and 3 threads, and the window sums of x^p (strides 3 and 4 now take the rows-first plane kernel) the same bits on
     * both providers.
     */
    @Test
    void forwardOnOddWidthsAtEveryStrideMatchesTheReferenceOnAnyThreadCount() {
        int before = Parallel.threads();
        try {
            Random r = new Random(24);
            for (int width : new int[] {7, 13, 15, 27, 55}) {
                int[] size = {1, width, width};
                int planes = Math.max(6, 24_000 / (width * width));
                float[] signed = new float[planes * width * width];
                float[] positive = new float[signed.length];
                for (int i = 0; i < signed.length; i++) {
                    signed[i] = (float) r.nextGaussian();
                    positive[i] = Math.abs(signed[i]) + 0.01f;
                }
                for (int stride = 1; stride <= 4; stride++) {
                    for (int kernel = 2; kernel <= Math.min(5, width); kernel++) {
                        for (int padding = 0; padding <= Math.min(1, kernel / 2); padding++) {
                            boolean ceil = (kernel + stride + padding) % 2 == 0;
                            AxisWindows sliding = Windows.sliding(width, kernel, stride, padding, 1, ceil);
                            AxisWindows[] w = {Windows.adaptive(1, 1), sliding, sliding};
                            for (double p : PS) {
                                // positive data for p = 3 too: a root of a cancelling signed sum magnifies its rounding
                                float[] x = p == 1 || p == 2 || p == 4 ? signed : positive;
                                String what = "width " + width + " k" + kernel + " s" + stride + " pad " + padding
                                        + (ceil ? " ceil" : "") + " p=" + p;
                                oddWidthCase(x, planes, size, w, kernel * kernel, p, what);
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
     * pool25: p = 2 at strides 3 and more squares in the column pass and checks the float bound on x: a square at or past
     * the bound anywhere in the input, also in rows and columns no window reads, sends the forward to double sums, as the
     * reference does; the largest x below the square bound stays in float, within tolerance.
     */
    @Test
    void squaresPastTheFloatBoundAnywhereSendTheStridedForwardToDouble() {
        int before = Parallel.threads();
        try {
            Random r = new Random(25);
            for (int width : new int[] {13, 27, 55, 56}) {
                int[] size = {1, width, width};
                int planes = 5;
                float[] x = new float[planes * width * width];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextGaussian();
                }
                for (int stride = 3; stride <= 4; stride++) {
                    AxisWindows sliding = Windows.sliding(width, 3, stride, 0, 1, false);
                    AxisWindows[] w = {Windows.adaptive(1, 1), sliding, sliding};
                    double[] extents = Windows.divisors(w, true, null);
                    int n = planes * extents.length;
                    double limit = 1e30 / 9;
                    float bound = LpPool.squareBound(LpPool.floatBound(limit));
                    // the last element: a row no stride-3 window of these widths reads when (width - 3) % stride != 0
                    for (int at : new int[] {x.length - 1, 2 * width * width + width + 1, 0}) {
                        for (float v : new float[] {bound, -bound, Float.POSITIVE_INFINITY}) {
                            float[] large = x.clone();
                            large[at] = v;
                            assertThat(PoolEngine.REFERENCE.lpForward(large, planes, size, w, 2, limit, extents, 9,
                                    new float[n], new float[n])).isFalse();
                            for (KernelProvider provider : Providers.all()) {
                                for (int threads = 1; threads <= 2; threads++) {
                                    Parallel.setThreads(threads);
                                    assertThat(PoolEngine.fast(provider).lpForward(large, planes, size, w, 2, limit, extents, 9,
                                            new float[n], new float[n]))
                                            .as("%s width %d s%d x[%d] = %s", provider.name(), width, stride, at, v).isFalse();
                                }
                            }
                        }
                        float[] below = x.clone();
                        below[at] = -Math.nextDown(bound);
                        assertThat(Math.nextDown(bound) * Math.nextDown(bound)).isLessThan((float) limit);
                        float[] expected = new float[n];
                        assertThat(PoolEngine.REFERENCE.lpForward(below, planes, size, w, 2, limit, extents, 9, new float[n],
                                expected)).isTrue();
                        for (KernelProvider provider : Providers.all()) {
                            float[] out = new float[n];
                            assertThat(PoolEngine.fast(provider).lpForward(below, planes, size, w, 2, limit, extents, 9,
                                    new float[n], out)).as("%s width %d below the bound", provider.name(), width).isTrue();
                            for (int i = 0; i < n; i++) {
                                assertThat(out[i]).isCloseTo(expected[i],
                                        org.assertj.core.data.Offset.offset(2e-5f * Math.max(1, Math.abs(expected[i]))));
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
     * pool25: the square bound is the smallest float whose float square reaches the limit, over limits of every size
     * and the infinite one (the float square overflows), which a first version walked down to from infinity ulp by ulp.
     */
    @Test
    void theSquareBoundIsTheSmallestFloatWhoseSquareReachesTheLimit() {
        Random r = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            float limit = i < 4 ? new float[] {1e30f / 9, 1f, Float.MAX_VALUE, Float.POSITIVE_INFINITY}[i]
                    : (float) Math.scalb(1 + r.nextDouble(), r.nextInt(240) - 120);
            float bound = LpPool.squareBound(limit);
            assertThat(bound * bound).as("limit %s", limit).isGreaterThanOrEqualTo(limit);
            float less = Math.nextDown(bound);
            assertThat(less * less).as("limit %s", limit).isLessThan(limit);
        }
    }

    /**
     * pool25: p = 2's roots in double lanes give the scalar loop's bits, on any length (whole vectors and a tail); pool51:
     * so do the other roots' scaled means (main's scalar loop in LpPool.roots), also where they pass float's range.
     */
    @Test
    void squareRootsAndScaledMeansOfScaledSumsAreTheScalarBitsOnBothProviders() {
        Random r = new Random(52);
        for (int n : new int[] {1, 7, 8, 9, 18 * 18, 27 * 27 + 3}) {
            float[] sums = new float[n + 5];
            double[] extents = new double[n + 2];
            for (int i = 0; i < sums.length; i++) {
                sums[i] = i % 97 == 3 ? 0 : (float) Math.abs(r.nextGaussian() * Math.scalb(1.0, r.nextInt(40) - 20));
            }
            sums[1] = Float.NaN;
            sums[n + 1] = Float.MAX_VALUE; // past float once scaled: the means round to infinity
            for (int i = 0; i < extents.length; i++) {
                extents[i] = 1 + r.nextInt(25);
            }
            float[] expected = new float[n + 4];
            float[] expectedMeans = new float[n + 4];
            for (int i = 0; i < n; i++) {
                expected[3 + i] = (float) Math.sqrt(sums[2 + i] / extents[1 + i] * 25);
                expectedMeans[3 + i] = (float) (sums[2 + i] / extents[1 + i] * 25);
            }
            for (KernelProvider provider : Providers.all()) {
                float[] out = new float[n + 4];
                provider.vectorOps().scaledSquareRoots(sums, 2, extents, 1, 25, out, 3, n);
                assertThat(out).as("%s n=%d", provider.name(), n).containsExactly(expected);
                float[] means = new float[n + 4];
                provider.vectorOps().scaledMeans(sums, 2, extents, 1, 25, means, 3, n);
                assertThat(means).as("%s scaled means n=%d", provider.name(), n).containsExactly(expectedMeans);
            }
        }
    }

    /**
     * pool51: the general powers (exp/log lanes, whole vectors only, the tail as the last whole vector again) give each
     * element the same bits on any range around it: short ranges, tails and offsets against one long run, with zeros,
     * negatives and infinities among the values.
     */
    @Test
    void generalPowersOfAnyRangeAreTheBitsOfOneLongRun() {
        Random r = new Random(51);
        float[] x = new float[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 31 == 5 ? 0 : i % 37 == 7 ? -1.5f : i % 41 == 9 ? Float.POSITIVE_INFINITY
                    : (float) Math.abs(r.nextGaussian() * Math.scalb(1.0, r.nextInt(30) - 15));
        }
        for (KernelProvider provider : Providers.all()) {
            for (double p : new double[] {1.0 / 3, 0.4, 1.3, 2.5}) {
                double[] whole = new double[x.length];
                provider.vectorOps().powers(x, 0, x.length, p, whole);
                for (int from : new int[] {0, 3, 17}) {
                    for (int n = 1; n <= 40; n++) {
                        double[] part = new double[x.length];
                        provider.vectorOps().powers(x, from, n, p, part);
                        for (int i = from; i < from + n; i++) {
                            // raw bits: the negative values' NaN compares unequal to itself as a double
                            assertThat(Double.doubleToRawLongBits(part[i]))
                                    .as("%s p=%s from %d n %d element %d", provider.name(), p, from, n, i)
                                    .isEqualTo(Double.doubleToRawLongBits(whole[i]));
                        }
                    }
                }
            }
        }
    }

    private static void oddWidthCase(float[] x, int planes, int[] size, AxisWindows[] w, double kernelVolume, double p,
                                     String what) {
        double[] extents = Windows.divisors(w, true, null);
        int n = planes * extents.length;
        float[] expected = new float[n];
        assertThat(PoolEngine.REFERENCE.lpForward(x, planes, size, w, p, 1e30, extents, kernelVolume, new float[n], expected))
                .isTrue();
        float[] firstSums = null;
        for (KernelProvider provider : Providers.all()) {
            PoolEngine fast = PoolEngine.fast(provider);
            float[] one = null;
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] sums = new float[n];
                float[] out = new float[n];
                assertThat(fast.lpForward(x, planes, size, w, p, 1e30, extents, kernelVolume, sums, out)).isTrue();
                if (one == null) {
                    one = out;
                } else {
                    assertThat(out).as("%s %s on %d threads", provider.name(), what, threads).containsExactly(one);
                }
                if (firstSums == null) {
                    firstSums = sums;
                } else {
                    assertThat(sums).as("%s %s window sums", provider.name(), what).containsExactly(firstSums);
                }
            }
            for (int i = 0; i < n; i++) {
                if (Float.isNaN(expected[i])) {
                    assertThat(one[i]).as("%s %s output %d", provider.name(), what, i).isNaN();
                } else {
                    assertThat(one[i]).as("%s %s output %d", provider.name(), what, i).isCloseTo(expected[i],
                            org.assertj.core.data.Offset.offset(2e-5f * Math.max(1, Math.abs(expected[i]))));
                }
            }
        }
    }

    /**
     * The whole backward (the active provider's) against the chain rule in double, written out here: each window's
     * g · (1/p) · t^(1/p − 1) · K/n, summed over the windows that read x, times p · x^(p−1). Odd sizes, ceil mode, and
     * the same bits on 1 and 2 threads; p = 1.5 takes the √x slopes (it took exp/log powers into a double array).
     */
    @Test
    void backwardMatchesTheChainRuleInDouble() {
        int before = Parallel.threads();
        try {
            Random r = new Random(13);
            int[] shape = {2, 3, 11, 15};
            float[] data = new float[2 * 3 * 11 * 15];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) Math.abs(r.nextGaussian()) + 0.05f;
            }
            Tensor x = Tensor.of(data, shape);
            PoolOptions options = PoolOptions.pool2d(3).stride(2).ceilMode(true);
            for (double p : PS) {
                Tensor y = LpPool.forward(x, p, options);
                float[] gy = new float[y.data().length];
                for (int i = 0; i < gy.length; i++) {
                    gy[i] = (float) r.nextGaussian();
                }
                Tensor g = Tensor.of(gy, y.shape());
                Parallel.setThreads(1);
                float[] one = LpPool.backward(x, g, p, options).data();
                Parallel.setThreads(2);
                float[] two = LpPool.backward(x, g, p, options).data();
                assertThat(two).as("p=%s", p).containsExactly(one);
                double[] expected = chainRule(data, shape, gy, p, 3, 2);
                for (int i = 0; i < data.length; i++) {
                    assertThat((double) one[i]).as("p=%s element %d", p, i).isCloseTo(expected[i],
                            org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(expected[i]))));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** LP's gradient in double for square windows k at stride s with ceil mode (no padding), from the definition. */
    private static double[] chainRule(float[] x, int[] shape, float[] gy, double p, int k, int s) {
        int planes = shape[0] * shape[1];
        int h = shape[2];
        int w = shape[3];
        int oh = outputs(h, k, s);
        int ow = outputs(w, k, s);
        double kernelVolume = k * k;
        double[] grad = new double[x.length];
        for (int q = 0; q < planes; q++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int h1 = Math.min(h, i * s + k);
                    int w1 = Math.min(w, j * s + k);
                    double sum = 0;
                    int count = 0;
                    for (int a = i * s; a < h1; a++) {
                        for (int b = j * s; b < w1; b++) {
                            sum += Math.pow(x[(q * h + a) * w + b], p);
                            count++;
                        }
                    }
                    double t = sum / count * kernelVolume;
                    double perWindow = gy[(q * oh + i) * ow + j] * (1 / p) * Math.pow(t, 1 / p - 1) * kernelVolume / count;
                    for (int a = i * s; a < h1; a++) {
                        for (int b = j * s; b < w1; b++) {
                            int e = (q * h + a) * w + b;
                            grad[e] += perWindow * p * Math.pow(x[e], p - 1);
                        }
                    }
                }
            }
        }
        return grad;
    }

    /** Ceil-mode output count without padding: the last window must start inside the input. */
    private static int outputs(int length, int k, int s) {
        int n = (length - k + s - 1) / s + 1;
        return (n - 1) * s >= length ? n - 1 : n;
    }
}
