package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * five12: the chain products added straight to double sums equal the stored chain's float sums added one by one;
 * d5w58: so do the half strip's wanted columns.
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
}
