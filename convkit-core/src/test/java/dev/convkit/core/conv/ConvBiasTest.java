package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fast bias passes (bn8) against the reference loops, on every provider and at several thread counts. */
class ConvBiasTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    private static float[] values(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-2, 3);
        }
        return v;
    }

    @Test
    void addIsTheReferenceBitForBitAtAnyThreadCount() {
        // small (inline) and large (split across threads) passes, planes around the vector widths
        int[][] shapes = {{2, 3, 5}, {3, 4, 17}, {8, 32, 196}, {4, 7, 784}};
        for (int[] s : shapes) {
            float[] data = values(1, s[0] * s[1] * s[2]);
            float[] bias = values(2, s[1]);
            float[] expected = data.clone();
            ReferenceConv.addBias(expected, bias, s[0], s[1], s[2]);
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                float[] actual = data.clone();
                ConvBias.add(actual, bias, s[0], s[1], s[2]);
                assertThat(actual).as("%d threads, shape %d,%d,%d", threads, s[0], s[1], s[2]).containsExactly(expected);
            }
        }
    }

    @Test
    void gradientMatchesTheReferenceOnEveryProviderWithTheSameBitsAtAnyThreadCount() {
        int[][] shapes = {{2, 3, 5}, {3, 4, 17}, {8, 32, 196}, {4, 7, 784}, {1, 1, 0}};
        for (KernelProvider provider : Providers.all()) {
            for (int[] s : shapes) {
                float[] data = values(3, s[0] * s[1] * s[2]);
                float[] expected = ReferenceConv.sumPerChannel(data, s[0], s[1], s[2]);
                Parallel.setThreads(1);
                float[] first = ConvBias.gradient(provider.vectorOps(), data, s[0], s[1], s[2]);
                for (int c = 0; c < s[1]; c++) {
                    double magnitude = 0;
                    for (int n = 0; n < s[0]; n++) {
                        for (int i = 0; i < s[2]; i++) {
                            magnitude += Math.abs(data[(n * s[1] + c) * s[2] + i]);
                        }
                    }
                    assertThat((double) first[c]).as("%s channel %d", provider.name(), c)
                            .isCloseTo(expected[c], within(1e-6 * magnitude + 1e-6));
                }
                for (int threads : new int[] {2, 3}) {
                    Parallel.setThreads(threads);
                    assertThat(ConvBias.gradient(provider.vectorOps(), data, s[0], s[1], s[2]))
                            .as("%s at %d threads", provider.name(), threads).containsExactly(first);
                }
            }
        }
    }
}
