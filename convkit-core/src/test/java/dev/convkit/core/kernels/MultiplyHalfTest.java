package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** onex13: the half-strip kernel writes the first nr/2 columns of multiply's tile, the same bits, and nothing else. */
class MultiplyHalfTest {
    @Test
    void equalsTheFirstHalfOfMultiplysTile() {
        Random r = new Random(13);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            int nr = micro.nr();
            int ldc = nr + 5;
            for (int kc : new int[] {1, 3, 16, 17, 64}) {
                float[] a = new float[5 + kc * mr];
                float[] b = new float[7 + kc * nr];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) r.nextGaussian();
                }
                float[] full = new float[3 + mr * ldc];
                micro.multiply(kc, a, 5, b, 7, full, 3, ldc, false);
                float[] half = new float[full.length];
                Arrays.fill(half, Float.NaN); // stale contents: overwritten in the half, untouched past it
                micro.multiplyHalf(kc, a, 5, b, 7, half, 3, ldc);
                for (int i = 0; i < mr; i++) {
                    for (int j = 0; j < ldc; j++) {
                        int at = 3 + i * ldc + j;
                        if (j < nr / 2) {
                            assertThat(half[at]).as("%s kc %d (%d, %d)", provider.name(), kc, i, j).isEqualTo(full[at]);
                        } else {
                            assertThat(half[at]).as("%s kc %d (%d, %d) untouched", provider.name(), kc, i, j).isNaN();
                        }
                    }
                }
            }
        }
    }
}
