package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transpose that writes Winograd F(4×4)'s tiles into response rows, on every provider against the definition:
 * group counts around the vector widths (the tails), skipped groups (target -1) between written ones, and an
 * offset into z. Writes land exactly where the targets say and nowhere else.
 */
class Interleave4Test {
    @Test
    void writesEachSetGroupsRowSegmentAndNothingElse() {
        SplittableRandom random = new SplittableRandom(11);
        int zStep = 40;
        int zo = 3;
        float[] z = new float[zo + 4 * zStep + 8];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextDouble(-5, 5);
        }
        for (KernelProvider provider : Providers.all()) {
            for (int groups : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9}) {
                int[] target = new int[groups];
                for (int g = 0; g < groups; g++) {
                    target[g] = g % 3 == 1 ? -1 : 20 * g + 1; // segments 16 wide with gaps between them
                }
                int base = 7;
                float[] out = new float[20 * groups + 40];
                Arrays.fill(out, Float.NaN);
                provider.vectorOps().interleave4(z, zo, zStep, target, groups, base, out);
                float[] expected = new float[out.length];
                Arrays.fill(expected, Float.NaN);
                for (int g = 0; g < groups; g++) {
                    if (target[g] < 0) {
                        continue;
                    }
                    for (int i = 0; i < 4; i++) {
                        for (int q = 0; q < 4; q++) {
                            expected[target[g] + base + 4 * i + q] = z[zo + q * zStep + 4 * g + i];
                        }
                    }
                }
                assertThat(out).as(provider.name() + " groups=" + groups).containsExactly(expected);
            }
        }
    }

    /**
     * c2t50: the segment of four tiles cut by the response's right edge, every width, from every lane of a 32-lane z
     * row (the reads past the group's four lanes stay inside z as in WinogradConv's rows); the floats past the width
     * keep their value: the next response row's or the next channel's.
     */
    @Test
    void writesThePartOfARowSegmentAndNothingPastIt() {
        SplittableRandom random = new SplittableRandom(12);
        int zStep = 32;
        int zo = 5;
        float[] z = new float[zo + 4 * zStep + 16];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextDouble(-5, 5);
        }
        for (KernelProvider provider : Providers.all()) {
            for (int lane = 0; lane < zStep; lane += 4) {
                for (int width = 1; width <= 16; width++) {
                    int dst = 9;
                    float[] out = new float[dst + 20];
                    Arrays.fill(out, Float.NaN);
                    provider.vectorOps().interleave4Part(z, zo, zStep, lane, width, out, dst);
                    float[] expected = new float[out.length];
                    Arrays.fill(expected, Float.NaN);
                    for (int j = 0; j < width; j++) {
                        expected[dst + j] = z[zo + (j % 4) * zStep + lane + j / 4];
                    }
                    assertThat(out).as(provider.name() + " lane=" + lane + " width=" + width).containsExactly(expected);
                }
            }
        }
    }
}
