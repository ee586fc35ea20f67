package dev.convkit.core.kernels;

import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * r1x58: {@link MicroKernel#packColumnStrip} writes {@code p[pOff + kk·mr + i] = w[from + kk·ld + i]} on every provider,
 * and nothing outside its strip.
 */
class PackColumnStripTest {
    @Test
    void packsMrColumnsAReductionRow() {
        Random r = new Random(58);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            for (int k : new int[] {1, 7, 64, 1024}) {
                for (int ld : new int[] {mr, 3 * mr + 5, 512}) {
                    int from = r.nextInt(5);
                    float[] w = GradientChecker.random(r, from + (k - 1) * ld + mr + 3).data();
                    float[] p = new float[3 + k * mr + 4];
                    Arrays.fill(p, Float.NaN);
                    micro.packColumnStrip(w, from, ld, k, p, 3);
                    for (int kk = 0; kk < k; kk++) {
                        for (int i = 0; i < mr; i++) {
                            assertThat(p[3 + kk * mr + i]).as("%s k %d ld %d kk %d i %d", provider.name(), k, ld, kk, i)
                                    .isEqualTo(w[from + kk * ld + i]);
                        }
                    }
                    assertThat(p[2]).isNaN();
                    assertThat(p[3 + k * mr]).isNaN();
                }
            }
        }
    }
}
