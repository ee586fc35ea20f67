package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strided F(2×2, 3×3)'s input and output transforms ({@link VectorOps#stridedWinogradInput},
 * {@link VectorOps#stridedWinogradOutput}) and its row split ({@link VectorOps#split5Bordered}) on every provider, bitwise against their one-tile definitions: tile counts
 * around the vector widths (the tails), offsets and steps off the vector grid. Writes land where the definitions say
 * and nowhere else.
 */
class StridedWinogradTransformsTest {
    @Test
    void inputTransformMatchesItsDefinitionBitwise() {
        SplittableRandom random = new SplittableRandom(17);
        forEachProviderAndCount((provider, n) -> {
            int colStep = n + 5;
            int rowStep = 5 * colStep + 3;
            int o = 2;
            float[] w = random(random, o + 5 * rowStep + 8);
            int pointStep = n + 9;
            int oo = 4;
            float[] out = new float[oo + 25 * pointStep + 8];
            Arrays.fill(out, Float.NaN);
            float[] expected = out.clone();
            provider.vectorOps().stridedWinogradInput(w, o, rowStep, colStep, n, out, oo, pointStep);
            for (int j = 0; j < n; j++) {
                VectorOps.stridedWinogradInputAt(w, o + j, rowStep, colStep, expected, oo + j, pointStep);
            }
            assertThat(out).as(provider.name() + " n=" + n).containsExactly(expected);
        });
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

    /**
     * s2-21: the row split read in place, bitwise its definition (the image value, or zero outside the row), with
     * windows starting left of the row (padding 1 and 2), inside it, and running past its end, on rows at the start,
     * middle and end of the array (masked lanes past either end of the array).
     */
    @Test
    void rowSplitReadInPlaceMatchesItsDefinitionBitwise() {
        SplittableRandom random = new SplittableRandom(23);
        forEachProviderAndCount((provider, n) -> {
            for (int width : new int[] {3, 13, 56, 57, 4 * n + 9}) {
                float[] x = random(random, 3 * width);
                for (int row : new int[] {0, width, 2 * width}) {
                    for (int col0 : new int[] {-2, -1, 0, 3, width - 4 * n, width - 1, width + 1}) {
                        int step = n + 3;
                        int o = 2;
                        float[] out = new float[o + 5 * step + 4];
                        Arrays.fill(out, Float.NaN);
                        float[] expected = out.clone();
                        provider.vectorOps().split5Bordered(x, row, col0, width, out, o, step, n);
                        for (int j = 0; j < n; j++) {
                            for (int s = 0; s < 5; s++) {
                                int c = col0 + 4 * j + s;
                                expected[o + s * step + j] = c >= 0 && c < width ? x[row + c] : 0f;
                            }
                        }
                        assertThat(out).as(provider.name() + " n=" + n + " width=" + width + " row=" + row
                                + " col0=" + col0).containsExactly(expected);
                    }
                }
            }
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
