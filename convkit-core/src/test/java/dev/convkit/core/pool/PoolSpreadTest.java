package dev.convkit.core.pool;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pool15: the average backward ({@code spread}) writes every element of its planes without zeroing them first, and
 * spreads rows whose windows lie over 2 columns apart column by column. Checked on recycled arrays full of NaN (an
 * element left unwritten shows), against the W-then-H sums written out in their order (bit for bit), on both
 * providers and at 1 and 2 threads; columns and rows read by no window (gaps), one, two and three windows.
 */
class PoolSpreadTest {
    /** {@code Σ_oh (Σ_ow g[oh][ow] / d)} over the windows reading (h, x), each sum from 0 in increasing order. */
    private static float[] writtenOut(float[] g, float[] d, int planes, int height, int width, AxisWindows wh, AxisWindows ww) {
        int oh = wh.outputs();
        int ow = ww.outputs();
        float[] out = new float[planes * height * width];
        for (int p = 0; p < planes; p++) {
            for (int h = 0; h < height; h++) {
                for (int x = 0; x < width; x++) {
                    float sh = 0;
                    for (int a = 0; a < oh; a++) {
                        if (!reads(wh, a, h)) {
                            continue;
                        }
                        float sw = 0;
                        for (int b = 0; b < ow; b++) {
                            if (reads(ww, b, x)) {
                                sw += g[p * oh * ow + a * ow + b] / d[a * ow + b];
                            }
                        }
                        sh += sw;
                    }
                    out[(p * height + h) * width + x] = sh;
                }
            }
        }
        return out;
    }

    private static boolean reads(AxisWindows w, int o, int x) {
        int offset = x - w.first(o);
        return offset >= 0 && offset % w.step() == 0 && offset / w.step() < w.count(o);
    }

    @Test
    void spreadWritesEveryElementWithTheWalksBits() {
        int before = Parallel.threads();
        Random r = new Random(16);
        // {width, k, stride, pad, dilation}: k5 s3 p2 (avg5s3p2: one or two windows a column), k2 s4 (gaps), k7 s3 (three),
        // k3 s2, k4 s4, k5 s3 dilated; pool26, stride 2 on the column pairs too: k2 s2 (one window a column), k4 s2 p1 (two),
        // k5 s2 (three: the row walk), k3 s2 dilated
        int[][] specs = {{56, 5, 3, 2, 1}, {29, 5, 3, 2, 1}, {30, 2, 4, 0, 1}, {31, 7, 3, 3, 1}, {33, 3, 2, 1, 1},
                {32, 4, 4, 0, 1}, {40, 5, 3, 1, 2}, {56, 2, 2, 0, 1}, {37, 4, 2, 1, 1}, {27, 5, 2, 2, 1}, {35, 3, 2, 1, 2},
                // pool29: rows one or two columns apart on the sliding-sum kernels (a sixth entry 1: ceil_mode along W):
                // stride 1 narrower than a vector, 56 and odd widths, k2-k5 with and without padding; stride 2 with
                // padding 0-3, k2-k6 (one to three windows a column), odd widths, ceil_mode
                {56, 3, 1, 1, 1}, {9, 3, 1, 1, 1}, {45, 5, 1, 2, 1}, {20, 2, 1, 0, 1}, {58, 4, 1, 2, 1}, {99, 3, 1, 0, 1},
                {101, 3, 2, 1, 1}, {16, 2, 2, 1, 1}, {57, 6, 2, 3, 1}, {47, 3, 2, 1, 1, 1}, {66, 2, 2, 1, 1, 1},
                {83, 4, 2, 1, 1, 1}, {7, 2, 2, 0, 1}, {40, 3, 1, 1, 1, 1}};
        Storage.Recycler recycler = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(recycler)) {
            for (int[] s : specs) {
                int width = s[0];
                int height = 13;
                AxisWindows ww = Windows.sliding(width, s[1], s[2], s[3], s[4], s.length > 5 && s[5] == 1);
                AxisWindows wh = Windows.sliding(height, Math.min(s[1], 5), s[2], Math.min(s[3], 2), 1, true);
                AxisWindows[] w = {Windows.adaptive(1, 1), wh, ww};
                int[] size = {1, height, width};
                int planes = 7;
                int outPlane = wh.outputs() * ww.outputs();
                float[] g = new float[planes * outPlane];
                for (int i = 0; i < g.length; i++) {
                    int kind = r.nextInt(16);
                    g[i] = kind == 0 ? -0f : kind == 1 ? 0f : kind == 2 ? Float.NaN : r.nextFloat() * 4 - 2;
                }
                double[] divisors = Windows.divisors(w, true, null);
                float[] d = new float[divisors.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) divisors[i];
                }
                float[] expected = writtenOut(g, d, planes, height, width, wh, ww);
                for (PoolEngine fast : FastPoolKernelsTest.engines()) {
                    for (int threads = 1; threads <= 2; threads++) {
                        Parallel.setThreads(threads);
                        for (int round = 0; round < 2; round++) {
                            // the second round gets the first's array back, every element NaN
                            float[] grad = fast.spreadDivided(g, divisors, planes, size, w);
                            String what = Arrays.toString(s) + " at " + threads + " threads, round " + round;
                            assertThat(grad.length).isEqualTo(expected.length);
                            for (int i = 0; i < grad.length; i++) {
                                assertThat(Float.floatToIntBits(grad[i])).as(what + " element " + i)
                                        .isEqualTo(Float.floatToIntBits(expected[i]));
                            }
                            Arrays.fill(grad, Float.NaN);
                            recycler.reclaim();
                        }
                    }
                }
            }
            // a volume (the D pass), recycled likewise: the same bits as on a new array, close to the reference
            AxisWindows[] w3 = {Windows.sliding(5, 3, 2, 1, 1, false), Windows.sliding(9, 5, 3, 2, 1, false),
                    Windows.sliding(20, 5, 3, 2, 1, false)};
            int[] volume = {5, 9, 20};
            int out3 = w3[0].outputs() * w3[1].outputs() * w3[2].outputs();
            float[] g3 = new float[3 * out3];
            for (int i = 0; i < g3.length; i++) {
                g3[i] = r.nextFloat() * 2 - 1;
            }
            double[] divisors3 = Windows.divisors(w3, true, null);
            float[] reference = PoolEngine.REFERENCE.spreadDivided(g3, divisors3, 3, volume, w3);
            for (PoolEngine fast : FastPoolKernelsTest.engines()) {
                float[] first = fast.spreadDivided(g3, divisors3, 3, volume, w3).clone();
                for (int i = 0; i < first.length; i++) {
                    assertThat(first[i]).isCloseTo(reference[i], org.assertj.core.data.Offset.offset(1e-5f));
                }
                for (int threads = 1; threads <= 2; threads++) {
                    Parallel.setThreads(threads);
                    recycler.reclaim();
                    float[] grad = fast.spreadDivided(g3, divisors3, 3, volume, w3);
                    assertThat(grad).as("volume at %d threads", threads).containsExactly(first);
                    Arrays.fill(grad, Float.NaN);
                    recycler.reclaim();
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
