package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input gradients of first layers with 5×5 kernels into 1 to 4 image channels (small9: first-c3-5x5-33), whose
 * flipped correlations have reductions past {@link SmallChannelConv#MAX_FEW_OUTPUTS_REDUCTION}: on the small-channel
 * kernels against the reference loops, on every provider, padding 0 and 2, odd sizes, batch 1, and bitwise alike at
 * one and two threads.
 */
class FewOutputChannelsTest {
    @Test
    void scattersIntoFewChannelsMatchTheReferenceAtAnyThreadCount() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch dispatch = new ConvDispatch(provider, 0);
                Random r = new Random(77);
                // batch, image channels, response channels, height, width, padding
                int[][] shapes = {{2, 3, 24, 33, 33, 2}, {1, 3, 25, 17, 21, 0}, {3, 1, 22, 19, 15, 2}, {1, 4, 25, 13, 9, 2}};
                for (int[] s : shapes) {
                    int pad = s[5];
                    ConvGeometry g = new ConvGeometry(s[0], 1, s[1], s[2], new int[] {1, s[3], s[4]},
                            new int[] {1, s[3] + 2 * pad - 4, s[4] + 2 * pad - 4}, new int[] {1, 5, 5},
                            new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, pad, pad});
                    ConvGeometry flipped = ConvDispatch.flipped(g);
                    if (provider.fast()) {
                        assertThat(s[2] * 25).isGreaterThan(SmallChannelConv.MAX_FEW_OUTPUTS_REDUCTION);
                        assertThat(dispatch.path(flipped, ConvDispatch.Pass.CORRELATE))
                                .isEqualTo(ConvDispatch.Path.SMALL_CHANNEL);
                    }
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    Parallel.setThreads(1);
                    float[] one = dispatch.scatter(g, response, weight);
                    Parallel.setThreads(2);
                    assertThat(dispatch.scatter(g, response, weight)).isEqualTo(one);
                    FastConvTest.assertClose("scatter " + g, one, ReferenceConv.scatter(g, response, weight));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
