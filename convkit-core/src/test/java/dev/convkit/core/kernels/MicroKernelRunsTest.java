package dev.convkit.core.kernels;

import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * train48: the Vector API micro-kernel's accumulating products and its A-rows-in-place kernel run their k loop in
 * runs of at most 48 loop turns (s2g54: four k steps a turn, so 192 steps), the 16 sums carried between runs in
 * memory. Each output must still be the one chain of fused multiply-adds over k from +0, then the old C added: checked bit for bit against that chain written with
 * {@link Math#fma}, for reductions shorter than, equal to and across run boundaries, with and without accumulating,
 * at offsets; and every provider (the scalar one too) within float tolerance of a double reference. p1f50's
 * {@link MicroKernel#multiplyAddBlock} (one loop a block) adds the same bits as {@code multiply} accumulating.
 */
class MicroKernelRunsTest {
    /** Run boundaries of 48 and (s2g54, four steps a loop turn) 192 steps, and the one-step tails after a turn. */
    private static final int[] REDUCTIONS = {0, 1, 3, 4, 5, 7, 47, 48, 49, 95, 96, 97, 128, 191, 192, 193, 195, 200, 252,
        256, 301, 384, 387};

    @Test
    void packedProductsAreOneFusedChainPerOutput() {
        Random r = new Random(48);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            int nr = micro.nr();
            int ldc = nr + 5;
            for (int kc : REDUCTIONS) {
                float[] a = GradientChecker.random(r, 3 + kc * mr).data();
                float[] b = GradientChecker.random(r, 7 + kc * nr).data();
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] c = GradientChecker.random(r, 2 + mr * ldc).data();
                    float[] before = c.clone();
                    micro.multiply(kc, a, 3, b, 7, c, 2, ldc, accumulate);
                    check(provider, micro, "multiply", kc, accumulate, c, before, ldc,
                            (i, k) -> a[3 + k * mr + i], (k, j) -> b[7 + k * nr + j]);
                    if (accumulate) { // p1f50: a whole block's accumulation, the same chain bit for bit
                        float[] block = before.clone();
                        micro.multiplyAddBlock(kc, a, 3, b, 7, block, 2, ldc);
                        assertThat(block).as("%s multiplyAddBlock kc %d", provider.name(), kc).isEqualTo(c);
                    }
                }
            }
        }
    }

    /**
     * x1s60: {@link MicroKernel#multiplyHalf} writes {@code multiply}'s first nr / 2
     * columns bit for bit (its other columns may be overwritten), and nothing before the tile.
     */
    @Test
    void halfStripProductsAreTheWholeTilesFirstColumns() {
        Random r = new Random(60);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            int nr = micro.nr();
            int ldc = nr + 5;
            for (int kc : REDUCTIONS) {
                float[] a = GradientChecker.random(r, 3 + kc * mr).data();
                float[] b = GradientChecker.random(r, 7 + kc * nr).data();
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] c = GradientChecker.random(r, 2 + mr * ldc).data();
                    float[] whole = c.clone();
                    micro.multiply(kc, a, 3, b, 7, whole, 2, ldc, accumulate);
                    float[] half = c.clone();
                    micro.multiplyHalf(kc, a, 3, b, 7, half, 2, ldc, accumulate);
                    for (int i = 0; i < mr; i++) {
                        for (int j = 0; j < nr / 2; j++) {
                            int at = 2 + i * ldc + j;
                            assertThat(Float.floatToRawIntBits(half[at]))
                                    .as("%s multiplyHalf kc %d accumulate %s (%d, %d)", provider.name(), kc, accumulate, i, j)
                                    .isEqualTo(Float.floatToRawIntBits(whole[at]));
                        }
                    }
                    assertThat(half[0]).isEqualTo(c[0]);
                    assertThat(half[1]).isEqualTo(c[1]);
                }
            }
        }
    }

    @Test
    void rowsInPlaceProductsAreOneFusedChainPerOutput() {
        Random r = new Random(4848);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            int nr = micro.nr();
            int ldc = nr + 3;
            for (int kc : REDUCTIONS) {
                float[] src = GradientChecker.random(r, 20 * kc + 64).data();
                int[] rows = new int[1 + mr];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = r.nextInt(19 * kc + 1); // any rows, overlapping ones too
                }
                int p = r.nextInt(10);
                float[] b = GradientChecker.random(r, 9 + kc * nr).data();
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] c = GradientChecker.random(r, 1 + mr * ldc).data();
                    float[] before = c.clone();
                    micro.multiplyARowsInPlace(kc, src, rows, 1, p, b, 9, c, 1, ldc, accumulate);
                    check(provider, micro, "multiplyARowsInPlace", kc, accumulate, c, before, ldc,
                            (i, k) -> src[rows[1 + i] + p + k], (k, j) -> b[9 + k * nr + j]);
                }
            }
        }
    }

    private interface Entry {
        float at(int row, int col);
    }

    private static void check(KernelProvider provider, MicroKernel micro, String kernel, int kc, boolean accumulate,
                              float[] c, float[] before, int ldc, Entry a, Entry b) {
        boolean vector = !provider.name().equals(KernelProvider.scalar().name());
        int off = c.length - micro.mr() * ldc;
        for (int i = 0; i < micro.mr(); i++) {
            for (int j = 0; j < micro.nr(); j++) {
                int at = off + i * ldc + j;
                float chain = 0f;
                double exact = accumulate ? before[at] : 0;
                double scale = Math.abs(exact);
                for (int k = 0; k < kc; k++) {
                    chain = Math.fma(a.at(i, k), b.at(k, j), chain);
                    exact += (double) a.at(i, k) * b.at(k, j);
                    scale += Math.abs((double) a.at(i, k) * b.at(k, j));
                }
                float expected = accumulate ? chain + before[at] : chain;
                String what = String.format("%s %s kc %d accumulate %s (%d, %d)", provider.name(), kernel, kc, accumulate, i, j);
                if (vector) {
                    assertThat(Float.floatToRawIntBits(c[at])).as(what).isEqualTo(Float.floatToRawIntBits(expected));
                } else {
                    assertThat((double) c[at]).as(what).isCloseTo(exact, within(1e-6 * (scale + 1) * (kc + 1)));
                }
            }
            // the columns between tiles are not written
            for (int j = micro.nr(); j < ldc && off + i * ldc + j < c.length; j++) {
                assertThat(c[off + i * ldc + j]).isEqualTo(before[off + i * ldc + j]);
            }
        }
        assertThat(Arrays.copyOfRange(c, 0, off)).isEqualTo(Arrays.copyOfRange(before, 0, off));
    }
}
