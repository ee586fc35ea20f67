package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strided F(2×2, 3×3)'s input and output transforms ({@link VectorOps#stridedWinogradInput},
 * {@link VectorOps#stridedWinogradOutput}) on every provider, bitwise against their one-tile definitions: tile counts
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
