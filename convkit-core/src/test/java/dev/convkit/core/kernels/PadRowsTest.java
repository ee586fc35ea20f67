package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VectorOps#padRows} on every provider against the definition (grp52: the vector version's zero columns are
 * one zero vector a side, the right one spilling into the next row before that row's stores): rows under, at and
 * past a vector wide, zero columns from none to more than a vector a side, one to four rows, the destination ending
 * at the last row. Writes land exactly on the rows' pitches and nowhere else.
 */
class PadRowsTest {
    @Test
    void writesThePaddedRowsAndNothingElse() {
        SplittableRandom random = new SplittableRandom(52);
        for (KernelProvider provider : Providers.all()) {
            for (int width = 1; width <= 40; width++) {
                for (int left : new int[] {0, 1, 2, 16, 17}) {
                    for (int right : new int[] {0, 2, 16, 17}) {
                        for (int rows = 1; rows <= 4; rows++) {
                            for (int tail : new int[] {0, 20}) {
                                check(provider, random, width, left, right, rows, tail);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void check(KernelProvider provider, SplittableRandom random, int width, int left, int right,
                              int rows, int tail) {
        int pitch = left + width + right;
        int xo = 3;
        float[] x = new float[xo + rows * width + tail];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-5, 5);
        }
        int oo = 7;
        float[] out = new float[oo + rows * pitch + tail];
        Arrays.fill(out, Float.NaN);
        float[] expected = out.clone();
        for (int r = 0; r < rows; r++) {
            int o = oo + r * pitch;
            Arrays.fill(expected, o, o + pitch, 0f);
            System.arraycopy(x, xo + r * width, expected, o + left, width);
        }
        provider.vectorOps().padRows(x, xo, width, rows, out, oo, pitch, left);
        assertThat(out).as("%s width=%d left=%d right=%d rows=%d tail=%d", provider, width, left, right, rows, tail)
                .containsExactly(expected);
    }
}
