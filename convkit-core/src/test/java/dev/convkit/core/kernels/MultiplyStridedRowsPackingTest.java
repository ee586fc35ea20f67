package dev.convkit.core.kernels;

import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * s2f55: {@link MicroKernel#multiplyStridedRowsPacking} packs every second element of its rows, the next row's past
 * each half's row end, zero where the keep mask is (infinities and NaN there must not show), and its tile has the bits
 * of {@link MicroKernel#multiply} on that strip, on both providers, inside the array and where a whole-vector load would
 * leave it (the first strip of a padded image, the last lanes past the image's end).
 */
class MultiplyStridedRowsPackingTest {
    @Test
    void packsTheEvenElementsAndMultipliesAsThePackedKernel() {
        Random r = new Random(55);
        for (KernelProvider provider : Providers.all()) {
            MicroKernel micro = provider.microKernel();
            int mr = micro.mr();
            int nr = micro.nr();
            int half = nr / 2;
            int ldc = nr + 3;
            for (int kc : new int[] {1, 9, 100, 256}) {
                for (int trial = 0; trial < 12; trial++) {
                    int taps = 1 + r.nextInt(9);
                    int skip = 2 * r.nextInt(20);
                    float[] src = GradientChecker.random(r, 8 * kc + 4 * nr + 2 * skip + 64).data();
                    int[] koff = new int[kc + 3];
                    for (int k = 1; k < koff.length; k++) {
                        koff[k] = koff[k - 1] + r.nextInt(9); // non-decreasing, as the kernel asks
                    }
                    int kOff = 2;
                    // trial 0: the first lanes read before the array (kept off), so the vector kernel falls back;
                    // trial 1: the last lanes of the first half read up to two floats past its end (kept off), too
                    int top = koff[kOff + kc - 1] + 2 * (half - 1) + skip;
                    int start = trial == 0 ? -3 : trial == 1 ? src.length - top + 1 : r.nextInt(20);
                    int p0 = start;
                    int p1 = start + r.nextInt(2 * nr);
                    int s0 = 1 + r.nextInt(half + 2); // past half: no row end in the half
                    int s1 = 1 + r.nextInt(half + 2);
                    int keepOff = 5;
                    int[] keep = new int[keepOff + taps * nr];
                    for (int t = 0; t < taps; t++) {
                        for (int j = 0; j < nr; j++) {
                            keep[keepOff + t * nr + j] = r.nextInt(4) == 0 ? 0 : -1;
                        }
                    }
                    boolean[] read = new boolean[src.length];
                    for (int k = 0; k < kc; k++) {
                        for (int j = 0; j < nr; j++) {
                            int at = koff[kOff + k] + (j < half ? p0 : p1) + 2 * (j % half)
                                    + (j % half >= (j < half ? s0 : s1) ? skip : 0);
                            int mask = keepOff + (kOff + k) % taps * nr + j;
                            if (at < 0 || at >= src.length) {
                                keep[mask] = 0; // lanes outside: masked
                            }
                        }
                    }
                    for (int k = 0; k < kc; k++) {
                        for (int j = 0; j < nr; j++) {
                            int at = koff[kOff + k] + (j < half ? p0 : p1) + 2 * (j % half)
                                    + (j % half >= (j < half ? s0 : s1) ? skip : 0);
                            if (keep[keepOff + (kOff + k) % taps * nr + j] != 0) {
                                read[at] = true;
                            }
                        }
                    }
                    for (int i = 0; i < src.length; i++) {
                        if (!read[i] && r.nextInt(3) == 0) {
                            src[i] = i % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY; // masked lanes: zero, not these
                        }
                    }
                    float[] expected = new float[kc * nr];
                    for (int k = 0; k < kc; k++) {
                        for (int j = 0; j < nr; j++) {
                            int at = koff[kOff + k] + (j < half ? p0 : p1) + 2 * (j % half)
                                    + (j % half >= (j < half ? s0 : s1) ? skip : 0);
                            expected[k * nr + j] = keep[keepOff + (kOff + k) % taps * nr + j] != 0 ? src[at] : 0f;
                        }
                    }
                    float[] a = GradientChecker.random(r, 1 + kc * mr).data();
                    for (boolean accumulate : new boolean[] {false, true}) {
                        float[] c = accumulate ? GradientChecker.random(r, 1 + mr * ldc).data() : new float[1 + mr * ldc];
                        if (!accumulate) {
                            Arrays.fill(c, Float.NaN); // stale C must not show in the tile, nor past it change
                        }
                        float[] want = c.clone();
                        float[] packed = new float[3 + kc * nr];
                        micro.multiplyStridedRowsPacking(kc, a, 1, src, koff, kOff, taps, p0, s0, p1, s1, skip, keep,
                                keepOff, packed, 3, c, 1, ldc, accumulate);
                        micro.multiply(kc, a, 1, expected, 0, want, 1, ldc, accumulate);
                        String what = String.format("%s kc %d trial %d accumulate %s s %d %d", provider.name(), kc,
                                trial, accumulate, s0, s1);
                        assertThat(Arrays.copyOfRange(packed, 3, 3 + kc * nr)).as(what).isEqualTo(expected);
                        assertThat(c).as(what).isEqualTo(want);
                    }
                }
            }
        }
    }
}
