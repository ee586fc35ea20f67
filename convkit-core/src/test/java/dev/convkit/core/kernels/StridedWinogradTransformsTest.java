package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strided F(2×2, 3×3)'s input transforms along the rows and down the columns
 * ({@link VectorOps#stridedRowPoints}, {@link VectorOps#stridedWinogradInputRows}) and output transform
 * ({@link VectorOps#stridedWinogradOutput}) on every provider, bitwise against their one-tile definitions: tile counts
 * around the vector widths (the tails), offsets and steps off the vector grid. Writes land where the definitions say
 * and nowhere else.
 */
class StridedWinogradTransformsTest {
    @Test
    void rowPointsMatchTheirDefinitionBitwise() {
        SplittableRandom random = new SplittableRandom(17);
        forEachProviderAndCount((provider, n) -> {
            VectorOps ops = provider.vectorOps();
            int reach = ops.stridedRowPointsReach(n);
            assertThat(reach).as(provider.name()).isGreaterThanOrEqualTo(n);
            int xo = 3;
            float[] x = random(random, xo + 4 * reach + 4 + 5);
            int step = reach + 2;
            int o = 4;
            float[] out = new float[o + 4 * step + reach + 8];
            Arrays.fill(out, Float.NaN);
            float[] expected = out.clone();
            ops.stridedRowPoints(x, xo, n, out, o, step);
            for (int j = 0; j < n; j++) {
                int at = xo + 4 * j;
                VectorOps.stridedRowPointsAt(x[at], x[at + 1], x[at + 2], x[at + 3], x[at + 4], expected, o + j, step);
            }
            // a point's run may run on to the reach; nothing else is written
            for (int k = 0; k < 5; k++) {
                for (int j = n; j < reach; j++) {
                    expected[o + k * step + j] = out[o + k * step + j];
                }
            }
            assertThat(out).as(provider.name() + " n=" + n).containsExactly(expected);
            // packed runs (step n): each point's excess is overwritten by the next point's run
            float[] packed = new float[o + 4 * n + reach + 8];
            ops.stridedRowPoints(x, xo, n, packed, o, n);
            float[] dense = new float[packed.length];
            for (int j = 0; j < n; j++) {
                int at = xo + 4 * j;
                VectorOps.stridedRowPointsAt(x[at], x[at + 1], x[at + 2], x[at + 3], x[at + 4], dense, o + j, n);
            }
            assertThat(Arrays.copyOfRange(packed, o, o + 5 * n)).as(provider.name() + " packed n=" + n)
                    .containsExactly(Arrays.copyOfRange(dense, o, o + 5 * n));
        });
    }

    @Test
    void columnTransformMatchesItsDefinitionBitwise() {
        SplittableRandom random = new SplittableRandom(23);
        forEachProviderAndCount((provider, n) -> {
            int kStep = n + 3;
            int rowStep = 5 * kStep + 1;
            int channelStep = 5 * rowStep + 7;
            int channels = 3;
            int ho = 2;
            float[] h = random(random, ho + channels * channelStep + 8);
            int pointStep = channels * (n + 2) + 9;
            int channelOut = n + 2;
            int oo = 4;
            float[] out = new float[oo + 25 * pointStep + 8];
            Arrays.fill(out, Float.NaN);
            float[] expected = out.clone();
            provider.vectorOps().stridedWinogradInputRows(h, ho, rowStep, kStep, n, channels, channelStep, out, oo,
                    channelOut, pointStep);
            for (int c = 0; c < channels; c++) {
                for (int j = 0; j < n; j++) {
                    VectorOps.stridedWinogradInputRowsAt(h, ho + c * channelStep + j, rowStep, kStep, expected,
                            oo + c * channelOut + j, pointStep);
                }
            }
            assertThat(out).as(provider.name() + " n=" + n).containsExactly(expected);
        });
    }

    /** Row points then columns are the strided transform's one-tile definition: V = Bᵀ d B of a 5 × 5 window. */
    @Test
    void rowsThenColumnsAreTheTileTransform() {
        SplittableRandom random = new SplittableRandom(29);
        float[] window = random(random, 25);
        float[] h = new float[25];
        for (int a = 0; a < 5; a++) {
            int at = 5 * a;
            VectorOps.stridedRowPointsAt(window[at], window[at + 1], window[at + 2], window[at + 3], window[at + 4], h,
                    at, 1);
        }
        float[] v = new float[25];
        VectorOps.stridedWinogradInputRowsAt(h, 0, 5, 1, v, 0, 1);
        // per axis the points x0 - x2, x2, x4 - x2, x1, x3: B's rows as column indices with signs
        int[][] terms = {{0, 2}, {2, -1}, {4, 2}, {1, -1}, {3, -1}};
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 5; k++) {
                float[] row = new float[5];
                for (int a = 0; a < 5; a++) {
                    float x = window[5 * a + terms[k][0]];
                    row[a] = terms[k][1] < 0 ? x : x - window[5 * a + terms[k][1]];
                }
                float expected = terms[i][1] < 0 ? row[terms[i][0]] : row[terms[i][0]] - row[terms[i][1]];
                assertThat(v[5 * i + k]).as("point " + (5 * i + k)).isEqualTo(expected);
            }
        }
    }

    @Test
    void outputTransformMatchesItsDefinitionBitwise() {
        SplittableRandom random = new SplittableRandom(19);
        forEachProviderAndCount((provider, n) -> {
            int pointStep = n + 11;
            int mo = 3;
            float[] m = random(random, mo + 25 * pointStep + 8);
            int yo = 5;
            float[] y = new float[yo + 4 * n + 8];
            Arrays.fill(y, Float.NaN);
            float[] expected = y.clone();
            provider.vectorOps().stridedWinogradOutput(m, mo, pointStep, y, yo, n);
            for (int j = 0; j < n; j++) {
                VectorOps.stridedWinogradOutputAt(m, mo + j, pointStep, expected, yo + j, n);
            }
            assertThat(y).as(provider.name() + " n=" + n).containsExactly(expected);
        });
    }

    /** Every provider, and tile counts around the vector widths. */
    private static void forEachProviderAndCount(BiConsumer<KernelProvider, Integer> test) {
        for (KernelProvider provider : Providers.all()) {
            for (int n : new int[] {1, 7, 8, 15, 16, 17, 31, 32, 33, 48}) {
                test.accept(provider, n);
            }
        }
    }

    private static float[] random(SplittableRandom random, int length) {
        float[] a = new float[length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-5, 5);
        }
        return a;
    }
}
