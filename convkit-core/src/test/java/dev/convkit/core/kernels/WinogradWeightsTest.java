package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * wino9: Winograd's weight transform U = G w Gᵀ ({@link VectorOps#winogradWeights}) on every provider, bit for bit
 * against the transform written out per channel pair (down the kernel's columns, then along the rows, in double,
 * rounded once), for F(2×2) and F(4×4): lane counts of a whole vector and below (the zero lanes), several image
 * channels, offsets, and nothing written outside the points' runs.
 */
class WinogradWeightsTest {
    @Test
    void matchesThePairByPairTransformBitForBit() {
        SplittableRandom random = new SplittableRandom(5);
        int cin = 5;
        int coutTotal = 19;
        float[] w = new float[coutTotal * cin * 9 + 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        for (KernelProvider provider : Providers.all()) {
            for (int m : new int[] {2, 4}) {
                int alpha = m + 2;
                int points = alpha * alpha;
                for (int lanesOut : new int[] {4, 8, 16}) {
                    for (int lanes : new int[] {lanesOut, lanesOut - 3}) {
                        int src = 2 * cin * 9 + 1;
                        int step = cin * lanesOut + 16;
                        int d = 3;
                        float[] u = new float[d + points * step + 8];
                        Arrays.fill(u, Float.NaN);
                        provider.vectorOps().winogradWeights(m, w, src, cin * 9, 9, 1, lanes, cin, u, d, lanesOut, step);
                        float[] expected = new float[u.length];
                        Arrays.fill(expected, Float.NaN);
                        for (int c = 0; c < cin; c++) {
                            for (int j = 0; j < lanesOut; j++) {
                                double[] points2d = j < lanes ? transform(m, w, src + j * cin * 9 + c * 9) : new double[points];
                                for (int p = 0; p < points; p++) {
                                    expected[d + p * step + c * lanesOut + j] = (float) points2d[p];
                                }
                            }
                        }
                        assertThat(u).as(provider.name() + " m=" + m + " lanes=" + lanes + "/" + lanesOut)
                                .containsExactly(expected);
                    }
                }
            }
        }
    }

    /**
     * small19: the kernel read flipped and transposed in place (a tap step of -1, the image channels 9 × lanes apart)
     * gives the bits of the transform of the flipped copy (FastConv.flipTransposed's layout).
     */
    @Test
    void readsAFlippedTransposedKernelInPlaceBitForBit() {
        SplittableRandom random = new SplittableRandom(19);
        int responses = 7; // the copy's image channels: the original's response channels
        int images = 21;   // the copy's response channels, the lanes: two whole strips of 8 and a ragged one
        float[] w = new float[responses * images * 9];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        float[] copy = new float[w.length]; // W'[ci][co][t] = W[co][ci][8 - t]
        for (int co = 0; co < responses; co++) {
            for (int ci = 0; ci < images; ci++) {
                for (int t = 0; t < 9; t++) {
                    copy[(ci * responses + co) * 9 + t] = w[(co * images + ci) * 9 + 8 - t];
                }
            }
        }
        for (KernelProvider provider : Providers.all()) {
            for (int m : new int[] {2, 4}) {
                int points = (m + 2) * (m + 2);
                for (int lane0 = 0; lane0 < images; lane0 += 8) {
                    int lanes = Math.min(8, images - lane0);
                    int step = responses * 8 + 16;
                    float[] inPlace = new float[points * step];
                    float[] fromCopy = new float[points * step];
                    provider.vectorOps().winogradWeights(m, w, lane0 * 9 + 8, 9, images * 9, -1, lanes, responses,
                            inPlace, 0, 8, step);
                    provider.vectorOps().winogradWeights(m, copy, lane0 * responses * 9, responses * 9, 9, 1, lanes,
                            responses, fromCopy, 0, 8, step);
                    assertThat(inPlace).as(provider.name() + " m=" + m + " lanes from " + lane0).containsExactly(fromCopy);
                }
            }
        }
    }

    /**
     * wino22: F(2×2)'s transform in float ({@link VectorOps#winograd2Weights}) on every provider, bit for bit against
     * the pair-by-pair float transform written out here (the taps halved, then sums), straight and read flipped in
     * place (against the copy): whole and ragged lane counts, an odd and an even number of image channels (a vector
     * takes two channels' lanes on AVX-512), offsets, signed zeros, subnormals and 3e38 taps, nothing written outside
     * the points' runs; and within a few float roundings of the double transform.
     */
    @Test
    void theSmallTileInFloatMatchesThePairByPairTransformBitForBit() {
        SplittableRandom random = new SplittableRandom(22);
        for (int cin : new int[] {5, 6}) {
            int coutTotal = 19;
            float[] w = new float[coutTotal * cin * 9 + 4];
            float[] special = {0f, -0f, Float.MIN_VALUE, -3 * Float.MIN_NORMAL / 4, 3e38f, -3e38f, 1e-30f};
            for (int i = 0; i < w.length; i++) {
                w[i] = i % 11 == 0 ? special[i / 11 % special.length] : (float) random.nextGaussian();
            }
            for (KernelProvider provider : Providers.all()) {
                for (int lanesOut : new int[] {4, 8, 16}) {
                    for (int lanes : new int[] {lanesOut, lanesOut - 3}) {
                        int src = 2 * cin * 9 + 1;
                        int step = cin * lanesOut + 16;
                        int d = 3;
                        float[] u = new float[d + 16 * step + 8];
                        Arrays.fill(u, Float.NaN);
                        provider.vectorOps().winograd2Weights(w, src, cin * 9, 9, 1, lanes, cin, u, d, lanesOut, step);
                        float[] expected = new float[u.length];
                        Arrays.fill(expected, Float.NaN);
                        for (int c = 0; c < cin; c++) {
                            for (int j = 0; j < lanesOut; j++) {
                                float[] points = j < lanes ? transformInFloat(w, src + j * cin * 9 + c * 9, 1) : new float[16];
                                for (int p = 0; p < 16; p++) {
                                    expected[d + p * step + c * lanesOut + j] = points[p];
                                }
                            }
                        }
                        String what = provider.name() + " cin=" + cin + " lanes=" + lanes + "/" + lanesOut;
                        assertThat(u).as(what).containsExactly(expected);
                    }
                }
            }
        }
    }

    /** wino22: {@link VectorOps#winograd2Weights} reads a flipped, transposed kernel in place with the copy's bits. */
    @Test
    void theSmallTileInFloatReadsAFlippedTransposedKernelInPlaceBitForBit() {
        SplittableRandom random = new SplittableRandom(221);
        for (int responses : new int[] {7, 8}) { // the copy's image channels: odd, and whole vectors of two
            int images = 21; // the copy's response channels, the lanes: two whole strips of 8 and a ragged one
            float[] w = new float[responses * images * 9];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) random.nextGaussian();
            }
            float[] copy = new float[w.length]; // W'[ci][co][t] = W[co][ci][8 - t]
            for (int co = 0; co < responses; co++) {
                for (int ci = 0; ci < images; ci++) {
                    for (int t = 0; t < 9; t++) {
                        copy[(ci * responses + co) * 9 + t] = w[(co * images + ci) * 9 + 8 - t];
                    }
                }
            }
            for (KernelProvider provider : Providers.all()) {
                for (int lane0 = 0; lane0 < images; lane0 += 8) {
                    int lanes = Math.min(8, images - lane0);
                    int step = responses * 8 + 16;
                    float[] inPlace = new float[16 * step];
                    float[] fromCopy = new float[16 * step];
                    provider.vectorOps().winograd2Weights(w, lane0 * 9 + 8, 9, images * 9, -1, lanes, responses,
                            inPlace, 0, 8, step);
                    provider.vectorOps().winograd2Weights(copy, lane0 * responses * 9, responses * 9, 9, 1, lanes,
                            responses, fromCopy, 0, 8, step);
                    assertThat(inPlace).as(provider.name() + " " + responses + " channels, lanes from " + lane0)
                            .containsExactly(fromCopy);
                    for (int c = 0; c < responses; c++) {
                        for (int j = 0; j < lanes; j++) {
                            float[] points = transformInFloat(w, (lane0 + j) * 9 + 8 + c * images * 9, -1);
                            double[] exact = transform(2, copy, ((lane0 + j) * responses + c) * 9);
                            for (int p = 0; p < 16; p++) {
                                assertThat(inPlace[p * step + c * 8 + j]).isEqualTo(points[p]);
                                // at most two float roundings on each side of R, each within 2^-24 of the sums' size
                                assertThat((double) points[p]).isCloseTo(exact[p], within(1e-6 * (1 + Math.abs(exact[p]))
                                        + 4 * Math.ulp((float) sumOfMagnitudes(w, (lane0 + j) * 9 + 8 + c * images * 9))));
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * d5i58: the 5×5 transform ({@link VectorOps#winograd5Weights}) of F(2×2, 5×5) and F(3×3, 5×5) on every provider,
     * bit for bit against the transform written out per channel pair here (down the kernel's columns, then along the
     * rows, in double, rounded once; the expressions of WinogradConv's per-lane transform before d5i58): whole and
     * ragged lane counts (the ragged lanes transform zero taps), several image channels, offsets, signed zeros,
     * subnormals and large taps, nothing written outside the points' runs.
     */
    @Test
    void theFiveTapTransformMatchesThePairByPairTransformBitForBit() {
        SplittableRandom random = new SplittableRandom(58);
        int cin = 5;
        int coutTotal = 19;
        float[] w = new float[coutTotal * cin * 25 + 4];
        float[] special = {0f, -0f, Float.MIN_VALUE, -3 * Float.MIN_NORMAL / 4, 3e30f, -3e30f, 1e-30f};
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 13 == 0 ? special[i / 13 % special.length] : (float) random.nextGaussian();
        }
        for (KernelProvider provider : Providers.all()) {
            for (int m : new int[] {2, 3}) {
                int alpha = m + 4;
                int points = alpha * alpha;
                for (int lanesOut : new int[] {4, 8, 16}) {
                    for (int lanes : new int[] {lanesOut, lanesOut - 3}) {
                        int src = 2 * cin * 25 + 1;
                        int step = cin * lanesOut + 16;
                        int d = 3;
                        float[] u = new float[d + points * step + 8];
                        Arrays.fill(u, Float.NaN);
                        double[] scratch = new double[VectorOps.winograd5ScratchDoubles(lanesOut)];
                        provider.vectorOps().winograd5Weights(m, w, src, cin * 25, 25, 1, lanes, cin, u, d, lanesOut,
                                step, scratch);
                        float[] expected = new float[u.length];
                        Arrays.fill(expected, Float.NaN);
                        for (int c = 0; c < cin; c++) {
                            for (int j = 0; j < lanesOut; j++) {
                                double[] taps = new double[25];
                                for (int t = 0; t < 25 && j < lanes; t++) {
                                    taps[t] = w[src + j * cin * 25 + c * 25 + t];
                                }
                                double[] points2d = transform5(m, taps);
                                for (int p = 0; p < points; p++) {
                                    expected[d + p * step + c * lanesOut + j] = (float) points2d[p];
                                }
                            }
                        }
                        assertThat(u).as(provider.name() + " m=" + m + " lanes=" + lanes + "/" + lanesOut)
                                .containsExactly(expected);
                    }
                }
            }
        }
    }

    /** d5i58: {@link VectorOps#winograd5Weights} reads a flipped, transposed 5×5 kernel in place with the copy's bits. */
    @Test
    void theFiveTapTransformReadsAFlippedTransposedKernelInPlaceBitForBit() {
        SplittableRandom random = new SplittableRandom(581);
        int responses = 7; // the copy's image channels: the original's response channels
        int images = 21;   // the copy's response channels, the lanes: two whole strips of 8 and a ragged one
        float[] w = new float[responses * images * 25];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        float[] copy = new float[w.length]; // W'[ci][co][t] = W[co][ci][24 - t]
        for (int co = 0; co < responses; co++) {
            for (int ci = 0; ci < images; ci++) {
                for (int t = 0; t < 25; t++) {
                    copy[(ci * responses + co) * 25 + t] = w[(co * images + ci) * 25 + 24 - t];
                }
            }
        }
        for (KernelProvider provider : Providers.all()) {
            for (int m : new int[] {2, 3}) {
                int points = (m + 4) * (m + 4);
                for (int lane0 = 0; lane0 < images; lane0 += 8) {
                    int lanes = Math.min(8, images - lane0);
                    int step = responses * 8 + 16;
                    float[] inPlace = new float[points * step];
                    float[] fromCopy = new float[points * step];
                    double[] scratch = new double[VectorOps.winograd5ScratchDoubles(8)];
                    provider.vectorOps().winograd5Weights(m, w, lane0 * 25 + 24, 25, images * 25, -1, lanes, responses,
                            inPlace, 0, 8, step, scratch);
                    provider.vectorOps().winograd5Weights(m, copy, lane0 * responses * 25, responses * 25, 25, 1, lanes,
                            responses, fromCopy, 0, 8, step, scratch);
                    assertThat(inPlace).as(provider.name() + " m=" + m + " lanes from " + lane0).containsExactly(fromCopy);
                    for (int c = 0; c < responses; c++) {
                        for (int j = 0; j < lanes; j++) {
                            double[] taps = new double[25];
                            for (int t = 0; t < 25; t++) {
                                taps[t] = copy[((lane0 + j) * responses + c) * 25 + t];
                            }
                            double[] exact = transform5(m, taps);
                            for (int p = 0; p < points; p++) {
                                assertThat(inPlace[p * step + c * 8 + j]).isEqualTo((float) exact[p]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** G g for one column or row of five, in double: the points 0, 1, -1, 2, -2 scaled, F(3×3)'s 1/2, and ∞. */
    private static double[] g5(int m, double g0, double g1, double g2, double g3, double g4) {
        double even = g0 + g2 + g4;
        double odd = g1 + g3;
        double even2 = g0 + 4 * g2 + 16 * g4;
        double odd2 = 2 * g1 + 8 * g3;
        if (m == 2) {
            return new double[] {g0 * (1 / 4.0), (even + odd) * (-1 / 6.0), (even - odd) * (-1 / 6.0),
                    (even2 + odd2) * (1 / 24.0), (even2 - odd2) * (1 / 24.0), g4};
        }
        return new double[] {g0 * (-1 / 2.0), (even + odd) * (-1 / 3.0), (even - odd) * (1 / 9.0),
                (even2 + odd2) * (1 / 36.0), (even2 - odd2) * (-1 / 60.0),
                (16 * g0 + 8 * g1 + 4 * g2 + 2 * g3 + g4) * (2 / 45.0), g4};
    }

    /** The (m + 4)² points of a channel pair's 25 taps (row-major): G down the columns, then along the rows. */
    private static double[] transform5(int m, double[] taps) {
        int alpha = m + 4;
        double[][] columns = new double[5][];
        for (int c = 0; c < 5; c++) {
            columns[c] = g5(m, taps[c], taps[5 + c], taps[10 + c], taps[15 + c], taps[20 + c]);
        }
        double[] out = new double[alpha * alpha];
        for (int i = 0; i < alpha; i++) {
            double[] row = g5(m, columns[0][i], columns[1][i], columns[2][i], columns[3][i], columns[4][i]);
            System.arraycopy(row, 0, out, i * alpha, alpha);
        }
        return out;
    }

    /** The sum of a channel pair's nine |taps| read backwards from {@code s}: a bound on every point's partial sums. */
    private static double sumOfMagnitudes(float[] w, int s) {
        double sum = 0;
        for (int t = 0; t < 9; t++) {
            sum += Math.abs(w[s - t]);
        }
        return sum;
    }

    /** F(2×2)'s 16 points of the taps {@code w[s + t·tapStep]} in float: each tap halved, then the sums. */
    private static float[] transformInFloat(float[] w, int s, int tapStep) {
        float[][] rows = new float[4][3];
        for (int c = 0; c < 3; c++) {
            float[] column = g2InFloat(w[s + c * tapStep], w[s + (3 + c) * tapStep], w[s + (6 + c) * tapStep]);
            for (int i = 0; i < 4; i++) {
                rows[i][c] = column[i];
            }
        }
        float[] out = new float[16];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(g2InFloat(rows[i][0], rows[i][1], rows[i][2]), 0, out, 4 * i, 4);
        }
        return out;
    }

    /** F(2×2)'s G (g0, g1, g2)ᵀ in float: g0, (g0/2 + g2/2) ± g1/2, g2. */
    private static float[] g2InFloat(float g0, float g1, float g2) {
        float outer = g0 * 0.5f + g2 * 0.5f;
        return new float[] {g0, outer + g1 * 0.5f, outer - g1 * 0.5f, g2};
    }

    /** G g for one column or row of three, in double. */
    private static double[] g(int m, double g0, double g1, double g2) {
        if (m == 2) {
            return new double[] {g0, (g0 + g2 + g1) * 0.5, (g0 + g2 - g1) * 0.5, g2};
        }
        return new double[] {g0 * (1 / 4.0), -(g0 + g2 + g1) * (1 / 6.0), -(g0 + g2 - g1) * (1 / 6.0),
                g0 * (1 / 24.0) + g1 * (1 / 12.0) + g2 * (1 / 6.0), g0 * (1 / 24.0) - g1 * (1 / 12.0) + g2 * (1 / 6.0), g2};
    }

    private static double[] transform(int m, float[] w, int s) {
        int alpha = m + 2;
        double[][] columns = new double[3][];
        for (int c = 0; c < 3; c++) {
            columns[c] = g(m, w[s + c], w[s + 3 + c], w[s + 6 + c]);
        }
        double[] out = new double[alpha * alpha];
        for (int i = 0; i < alpha; i++) {
            double[] row = g(m, columns[0][i], columns[1][i], columns[2][i]);
            System.arraycopy(row, 0, out, i * alpha, alpha);
        }
        return out;
    }
}
