package dev.convkit.core.kernels;

import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** onex13: the half-strip kernel's first nr/2 columns are those of multiply's tile, the same bits, on both providers. */
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
                float[] a = GradientChecker.random(r, 5 + kc * mr).data();
                float[] b = GradientChecker.random(r, 7 + kc * nr).data();
                for (boolean accumulate : new boolean[] {false, true}) {
                    // accumulating onto C's values; without, onto stale contents that must not show
                    float[] full = accumulate ? GradientChecker.random(r, 3 + mr * ldc).data() : new float[3 + mr * ldc];
                    float[] half = accumulate ? full.clone() : new float[full.length];
                    if (!accumulate) {
                        Arrays.fill(half, Float.NaN);
                    }
                    micro.multiply(kc, a, 5, b, 7, full, 3, ldc, accumulate);
                    micro.multiplyHalf(kc, a, 5, b, 7, half, 3, ldc, accumulate);
                    for (int i = 0; i < mr; i++) {
                        int row = 3 + i * ldc;
                        assertThat(Arrays.copyOfRange(half, row, row + nr / 2))
                                .as("%s kc %d row %d accumulate %s", provider.name(), kc, i, accumulate)
                                .isEqualTo(Arrays.copyOfRange(full, row, row + nr / 2));
                    }
                }
            }
        }
    }

    /** grp20: the same for B read in place, rows at offsets (a short group's last strip). */
    @Test
    void inPlaceHalfEqualsTheFirstHalfOfTheInPlaceTile() {
        Random r = new Random(20);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            int nr = micro.nr();
            int ldc = nr + 5;
            for (int kc : new int[] {1, 3, 16, 17, 144}) {
                float[] a = GradientChecker.random(r, 5 + kc * mr).data();
                float[] src = GradientChecker.random(r, 300 + nr).data();
                int[] koff = new int[2 + kc];
                for (int k = 0; k < kc; k++) {
                    koff[2 + k] = r.nextInt(300); // taps at arbitrary offsets of a band
                }
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] full = accumulate ? GradientChecker.random(r, 3 + mr * ldc).data() : new float[3 + mr * ldc];
                    float[] half = accumulate ? full.clone() : new float[full.length];
                    if (!accumulate) {
                        Arrays.fill(half, Float.NaN);
                    }
                    micro.multiplyRowsInPlace(kc, a, 5, src, koff, 2, 0, full, 3, ldc, accumulate);
                    micro.multiplyRowsInPlaceHalf(kc, a, 5, src, koff, 2, 0, half, 3, ldc, accumulate);
                    for (int i = 0; i < mr; i++) {
                        int row = 3 + i * ldc;
                        assertThat(Arrays.copyOfRange(half, row, row + nr / 2))
                                .as("%s kc %d row %d accumulate %s", provider.name(), kc, i, accumulate)
                                .isEqualTo(Arrays.copyOfRange(full, row, row + nr / 2));
                    }
                }
            }
        }
    }
}
