package dev.convkit.core.kernels;

import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * s2bwd18: the kernel that reads A's tile rows in place equals {@link MicroKernel#multiply} on those rows packed, the
 * same bits, on both providers: rows at scattered, overlapping and descending offsets, with and without accumulating.
 */
class MultiplyARowsInPlaceTest {
    @Test
    void equalsMultiplyOnTheRowsPacked() {
        Random r = new Random(18);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            int nr = micro.nr();
            int ldc = nr + 3;
            for (int kc : new int[] {1, 5, 16, 33, 196}) {
                float[] src = GradientChecker.random(r, 40 * kc + 64).data();
                int[] rows = new int[2 + mr];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = r.nextInt(39 * kc + 1); // any rows, overlapping ones too
                }
                rows[3] = rows[2]; // a repeated row (a ragged tile repeats its last tap)
                int p = r.nextInt(10);
                float[] a = new float[4 + kc * mr];
                for (int k = 0; k < kc; k++) {
                    for (int i = 0; i < mr; i++) {
                        a[4 + k * mr + i] = src[rows[2 + i] + p + k];
                    }
                }
                float[] b = GradientChecker.random(r, 9 + kc * nr).data();
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] packed = accumulate ? GradientChecker.random(r, 1 + mr * ldc).data() : new float[1 + mr * ldc];
                    float[] inPlace = accumulate ? packed.clone() : new float[packed.length];
                    if (!accumulate) {
                        Arrays.fill(inPlace, 1, inPlace.length, Float.NaN); // stale C must not show
                    }
                    micro.multiply(kc, a, 4, b, 9, packed, 1, ldc, accumulate);
                    micro.multiplyARowsInPlace(kc, src, rows, 2, p, b, 9, inPlace, 1, ldc, accumulate);
                    for (int i = 0; i < mr; i++) {
                        int row = 1 + i * ldc;
                        assertThat(Arrays.copyOfRange(inPlace, row, row + nr))
                                .as("%s kc %d row %d accumulate %s", provider.name(), kc, i, accumulate)
                                .isEqualTo(Arrays.copyOfRange(packed, row, row + nr));
                    }
                }
            }
        }
    }
}
