package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * five12: the chain products added straight to double sums equal the stored chain's float sums added one by one;
 * d5w58: so do the half strip's wanted columns, and the first chain stored (no zero fill) has the bits of zero-filled
 * sums with it added, signed zeros included.
 */
class MultiplyAddToDoublesTest {
    @Test
    void equalsTheStoredProductsWidenedAndAdded() {
        Random r = new Random(12);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            int nr = micro.nr();
            for (int kc : new int[] {1, 3, 14, 16, 17}) {
                float[] a = new float[5 + kc * mr];
                float[] b = new float[7 + kc * nr];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) r.nextGaussian();
                }
                int sOff = 9;
                double[] expected = new double[sOff + mr * nr + 4];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = r.nextGaussian() * 10;
                }
                double[] actual = expected.clone();
                float[] tile = new float[mr * nr];
                micro.multiply(kc, a, 5, b, 7, tile, 0, nr, false);
                for (int i = 0; i < mr * nr; i++) {
                    expected[sOff + i] += tile[i];
                }
                double[] half = actual.clone();
                micro.multiplyAddToDoubles(kc, a, 5, b, 7, new float[mr * nr], actual, sOff);
                assertThat(actual).as("%s kc %d", provider.name(), kc).containsExactly(expected);
                // d5w58: the half strip's wanted columns (the first nr/2 of each row) and nothing outside the tile
                micro.multiplyAddToDoublesHalf(kc, a, 5, b, 7, new float[mr * nr], half, sOff);
                for (int i = 0; i < half.length; i++) {
                    int column = (i - sOff) % nr;
                    if (i < sOff || i >= sOff + mr * nr || column < nr / 2) {
                        assertThat(half[i]).as("%s kc %d half at %d", provider.name(), kc, i).isEqualTo(expected[i]);
                    }
                }
            }
        }
    }

    @Test
    void storingTheFirstChainEqualsAddingItToZeros() {
        Random r = new Random(58);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            int nr = micro.nr();
            for (int kc : new int[] {1, 2, 15, 16, 33}) {
                float[] a = new float[3 + kc * mr];
                float[] b = new float[4 + kc * nr];
                for (int i = 0; i < a.length; i++) {
                    // zeros of both signs, so that products of −0 reach the chains
                    a[i] = i % 5 == 0 ? (i % 2 == 0 ? -0.0f : 0.0f) : (float) r.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = i % 7 == 0 ? -0.0f : (float) r.nextGaussian();
                }
                // a column of B all −0 makes every chain of that column a sum of ±0 products
                for (int k = 0; k < kc; k++) {
                    b[4 + k * nr + 1] = -0.0f;
                }
                int sOff = 5;
                double[] added = new double[sOff + mr * nr + 3];
                java.util.Arrays.fill(added, 0, sOff, 7.0);
                java.util.Arrays.fill(added, sOff + mr * nr, added.length, 7.0);
                double[] stored = added.clone();
                java.util.Arrays.fill(stored, sOff, sOff + mr * nr, Double.NaN);
                double[] storedHalf = stored.clone();
                micro.multiplyAddToDoubles(kc, a, 3, b, 4, new float[mr * nr], added, sOff);
                micro.multiplyStoreToDoubles(kc, a, 3, b, 4, new float[mr * nr], stored, sOff);
                assertThat(rawBits(stored)).as("%s kc %d store", provider.name(), kc).containsExactly(rawBits(added));
                micro.multiplyStoreToDoublesHalf(kc, a, 3, b, 4, new float[mr * nr], storedHalf, sOff);
                for (int i = 0; i < storedHalf.length; i++) {
                    int column = (i - sOff) % nr;
                    if (i < sOff || i >= sOff + mr * nr || column < nr / 2) {
                        assertThat(Double.doubleToRawLongBits(storedHalf[i]))
                                .as("%s kc %d half store at %d", provider.name(), kc, i)
                                .isEqualTo(Double.doubleToRawLongBits(added[i]));
                    }
                }
            }
        }
    }

    private static long[] rawBits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
