package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.KernelProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * mk256: the Panama tile's two structures, the whole 8 rows in one loop (512-bit hosts) and two passes of 4 rows
 * ({@link PanamaMicroKernel#ROW_HALVES}, 256-bit hosts), each forced through the dispatcher production calls (so its
 * row and C offsets are checked too) whatever this host's width, so both are checked here: every output bit for bit the one chain of {@link Math#fma} over k from +0 (then the old C added),
 * and within float tolerance of the exact sum in doubles, for the packed product, its accumulating runs and B rows in
 * place; nothing outside the tile written.
 */
class PanamaTileStructuresTest {
    private static final int[] REDUCTIONS = {0, 1, 3, 4, 5, 7, 47, 48, 49, 97, 192, 193, 195, 256, 387};
    private static final int MR = 8;

    private final Random r = new Random(256);
    private int nr;

    @BeforeEach
    void vectorApi() {
        assumeTrue(KernelProvider.panama() != null, "the Vector API module is absent");
        nr = PanamaMicroKernel.NR;
    }

    private float[] random(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private interface Entry {
        float at(int row, int col);
    }

    /** C's tile at {@code cOff} (rows at ldc) against the fma chain; the rest of C as before. */
    private void check(String what, int kc, boolean accumulate, float[] c, float[] before, int cOff, int ldc, Entry a, Entry b) {
        for (int at = 0; at < c.length; at++) {
            int i = (at - cOff) / ldc;
            int j = (at - cOff) - i * ldc;
            boolean inTile = at >= cOff && i < MR && j < nr;
            if (!inTile) {
                assertThat(c[at]).as("%s kc %d: outside the tile, %d", what, kc, at).isEqualTo(before[at]);
                continue;
            }
            float chain = 0f;
            double exact = accumulate ? before[at] : 0;
            double scale = Math.abs(exact);
            for (int k = 0; k < kc; k++) {
                chain = Math.fma(a.at(i, k), b.at(k, j), chain);
                exact += (double) a.at(i, k) * b.at(k, j);
                scale += Math.abs((double) a.at(i, k) * b.at(k, j));
            }
            float expected = accumulate ? chain + before[at] : chain;
            assertThat(Float.floatToRawIntBits(c[at])).as("%s kc %d accumulate %s (%d, %d)", what, kc, accumulate, i, j)
                    .isEqualTo(Float.floatToRawIntBits(expected));
            assertThat((double) c[at]).isCloseTo(exact, org.assertj.core.api.Assertions.within(1e-6 * (scale + 1) * (kc + 1)));
        }
    }

    @Test
    void packedProductBothStructures() {
        for (int kc : REDUCTIONS) {
            float[] a = random(3 + kc * MR);
            float[] b = random(7 + kc * nr);
            int ldc = nr + 5;
            Entry ae = (i, k) -> a[3 + k * MR + i];
            Entry be = (k, j) -> b[7 + k * nr + j];
            for (boolean halves : new boolean[] {false, true}) {
                String what = halves ? "multiplyStore in halves" : "multiplyStore whole";
                float[] c = random(2 + MR * ldc);
                float[] before = c.clone();
                PanamaMicroKernel.multiplyStore(halves, kc, a, 3, b, 7, c, 2, ldc); // the dispatcher's offsets too
                check(what, kc, false, c, before, 2, ldc, ae, be);

                // runs of accumulating steps, the sums carried in memory as multiplyAdd carries them
                float[] acc = new float[MR * nr];
                for (int k0 = 0; k0 < kc; k0 += PanamaMicroKernel.RUN) {
                    int n = Math.min(PanamaMicroKernel.RUN, kc - k0);
                    PanamaMicroKernel.packedRun(halves, n, a, 3 + k0 * MR, b, 7 + k0 * nr, acc);
                }
                check(halves ? "packedRun in halves" : "packedRun whole", kc, false, acc, new float[acc.length], 0, nr, ae,
                        be);
            }
        }
    }

    @Test
    void bRowsInPlaceBothStructures() {
        for (int kc : REDUCTIONS) {
            float[] a = random(5 + kc * MR);
            float[] src = random(20 * kc + 64);
            int[] koff = new int[2 + kc];
            for (int k = 0; k < koff.length; k++) {
                koff[k] = r.nextInt(19 * kc + 1); // any rows, overlapping ones too
            }
            int p = r.nextInt(10);
            int ldc = nr + 3;
            Entry ae = (i, k) -> a[5 + k * MR + i];
            Entry be = (k, j) -> src[koff[2 + k] + p + j];
            for (boolean halves : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] c = random(1 + MR * ldc);
                    float[] before = c.clone();
                    PanamaMicroKernel.multiplyRowsInPlace(halves, kc, a, 5, src, koff, 2, p, c, 1, ldc, accumulate);
                    check(halves ? "multiplyRowsInPlace in halves" : "multiplyRowsInPlace whole", kc, accumulate, c, before,
                            1, ldc, ae, be);
                }
            }
        }
    }
}
