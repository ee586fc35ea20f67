package dev.convkit.core.kernels;

import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * s2b25: the half-strip kernel with A read in place equals the first half of {@link MicroKernel#multiplyARowsInPlace}'s
 * tile, the same bits, on both providers, with and without accumulating, and leaves the tile's other columns alone.
 */
class MultiplyARowsInPlaceHalfTest {
    @Test
    void equalsTheFirstHalfOfTheFullTile() {
        Random r = new Random(25);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            int nr = micro.nr();
            int ldc = nr + 5;
            for (int kc : new int[] {1, 7, 144, 256}) {
                float[] src = GradientChecker.random(r, 4 * kc + 40).data();
                int[] rows = new int[mr + 3];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = r.nextInt(3 * kc + 1); // tap rows at any offsets, overlapping ones too
                }
                int p = r.nextInt(20);
                float[] b = GradientChecker.random(r, 5 + kc * nr).data();
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] full = accumulate ? GradientChecker.random(r, 2 + mr * ldc).data() : new float[2 + mr * ldc];
                    float[] half = full.clone();
                    if (!accumulate) {
                        Arrays.fill(half, Float.NaN); // stale C must not show
                    }
                    float[] untouched = half.clone();
                    micro.multiplyARowsInPlace(kc, src, rows, 3, p, b, 5, full, 2, ldc, accumulate);
                    micro.multiplyARowsInPlaceHalf(kc, src, rows, 3, p, b, 5, half, 2, ldc, accumulate);
                    for (int i = 0; i < mr; i++) {
                        int row = 2 + i * ldc;
                        assertThat(Arrays.copyOfRange(half, row, row + nr / 2))
                                .as("%s kc %d row %d accumulate %s", provider.name(), kc, i, accumulate)
                                .isEqualTo(Arrays.copyOfRange(full, row, row + nr / 2));
                        assertThat(Arrays.copyOfRange(half, row + nr / 2, row + ldc))
                                .as("%s columns past the half", provider.name())
                                .isEqualTo(Arrays.copyOfRange(untouched, row + nr / 2, row + ldc));
                    }
                }
            }
        }
    }
}
