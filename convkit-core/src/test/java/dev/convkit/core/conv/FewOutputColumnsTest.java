package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stem25: forwards into at most 4 response channels on the padded image's columns with the long-columns kernel
 * ({@link SmallChannelConv#fewOutputColumns}): the input gradients of first layers (1 to 4 image channels, 8 to 64
 * response channels, 3×3 / 5×5 / 7×7, paddings 0 to 3, sizes 17 to 120 odd and even, batches 1, 3 and 16) and forwards
 * of many channels into few. On both providers, forced, against the reference loops, bitwise alike at 1 to 3 threads,
 * and on the Vector API bitwise equal to the GEMM path they replaced past 640 taps (the same reduction blocks).
 */
class FewOutputColumnsTest {
    /** batch, image channels, response channels, height, width, kernel side, padding. */
    private static final int[][] FIRST_LAYERS = {
        {2, 3, 32, 33, 33, 5, 2}, {1, 3, 8, 17, 20, 3, 1}, {3, 1, 16, 28, 28, 3, 0}, {1, 4, 64, 19, 23, 7, 3},
        {1, 2, 28, 40, 37, 5, 0}, {16, 3, 8, 18, 17, 3, 1}, {1, 3, 48, 45, 45, 5, 2}, {1, 3, 16, 120, 119, 7, 3},
        {3, 4, 14, 26, 31, 7, 1}, {1, 3, 28, 18, 18, 3, 2},
    };

    /** batch, image channels, response channels, height, width, kernel side, padding: many channels into few. */
    private static final int[][] FEW_OUTPUTS = {{2, 8, 3, 24, 24, 3, 1}, {1, 32, 4, 17, 30, 5, 2}, {3, 6, 1, 21, 18, 3, 0}};

    private static ConvGeometry geometry(int[] s) {
        int k = s[5];
        int pad = s[6];
        return new ConvGeometry(s[0], 1, s[1], s[2], new int[] {1, s[3], s[4]},
                new int[] {1, s[3] + 2 * pad - k + 1, s[4] + 2 * pad - k + 1}, new int[] {1, k, k},
                new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, pad, pad});
    }

    /**
     * Whether {@code g}'s forward ran the GEMM before stem25 (past {@link SmallChannelConv#MAX_FEWEST_OUTPUTS_REDUCTION}
     * taps), on the Vector API, whose micro-kernel sums each reduction block from zero and adds it, as the kernel here.
     */
    private static boolean ranTheGemm(KernelProvider provider, ConvGeometry g) {
        return provider.name().startsWith("panama")
                && g.imageChannels() * g.kernelVolume() > SmallChannelConv.MAX_FEWEST_OUTPUTS_REDUCTION;
    }

    /** The kernel the flipped correlation of {@code g} reads: channels swapped, both sides reversed. */
    private static float[] flippedWeights(ConvGeometry g, float[] weight) {
        int cout = g.responseChannels();
        int cin = g.imageChannels();
        int kh = g.kernel()[1];
        int kw = g.kernel()[2];
        float[] f = new float[weight.length];
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        f[((ci * cout + co) * kh + kh - 1 - ky) * kw + kw - 1 - kx] = weight[((co * cin + ci) * kh + ky) * kw + kx];
                    }
                }
            }
        }
        return f;
    }

    @Test
    void firstLayerInputGradientsMatchTheReferenceAtAnyThreadCount() {
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            Random r = new Random(25);
            for (int[] s : FIRST_LAYERS) {
                ConvGeometry g = geometry(s);
                ConvGeometry flipped = ConvDispatch.flipped(g);
                assertThat(SmallChannelConv.fewOutputColumns(flipped)).as("%s", g).isTrue();
                if (provider.fast()) {
                    assertThat(dispatch.path(flipped, ConvDispatch.Pass.CORRELATE)).as("%s", g)
                            .isEqualTo(ConvDispatch.Path.SMALL_CHANNEL);
                }
                float[] weight = GradientChecker.random(r, g.weightSize()).data();
                float[] response = GradientChecker.random(r, g.responseSize()).data();
                float[] one = Providers.atThreads(1, () -> dispatch.scatter(g, response, weight));
                for (int threads = 2; threads <= 3; threads++) {
                    assertThat(Providers.atThreads(threads, () -> dispatch.scatter(g, response, weight)))
                            .as("%s at %d threads", g, threads).isEqualTo(one);
                }
                FastConvTest.assertClose(provider + " scatter " + g, one, ReferenceConv.scatter(g, response, weight));
                if (ranTheGemm(provider, flipped)) { // the GEMM path's sums, block by block: its bits
                    FastConv gemm = new FastConv(provider.microKernel(), provider.vectorOps());
                    assertThat(one).as("%s", g).isEqualTo(gemm.correlate(flipped, response, flippedWeights(g, weight)));
                }
            }
        }
    }

    @Test
    void forwardsIntoFewChannelsMatchTheReferenceAtAnyThreadCount() {
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            Random r = new Random(982);
            for (int[] s : FEW_OUTPUTS) {
                ConvGeometry g = geometry(s);
                assertThat(SmallChannelConv.fewOutputColumns(g)).as("%s", g).isTrue();
                if (provider.fast()) {
                    assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).as("%s", g)
                            .isEqualTo(ConvDispatch.Path.SMALL_CHANNEL);
                }
                float[] image = GradientChecker.random(r, g.imageSize()).data();
                float[] weight = GradientChecker.random(r, g.weightSize()).data();
                float[] one = Providers.atThreads(1, () -> dispatch.correlate(g, image, weight));
                for (int threads = 2; threads <= 3; threads++) {
                    assertThat(Providers.atThreads(threads, () -> dispatch.correlate(g, image, weight)))
                            .as("%s at %d threads", g, threads).isEqualTo(one);
                }
                FastConvTest.assertClose(provider + " correlate " + g, one, ReferenceConv.correlate(g, image, weight));
                if (ranTheGemm(provider, g)) {
                    FastConv gemm = new FastConv(provider.microKernel(), provider.vectorOps());
                    assertThat(one).as("%s", g).isEqualTo(gemm.correlate(g, image, weight));
                }
            }
        }
    }

    @Test
    void narrowRowsAndShortReductionsKeepTheirKernels() {
        // 10-wide rows (lenet-c2-sized) and 18 taps measured slower on the padded columns: left where they ran
        assertThat(SmallChannelConv.fewOutputColumns(geometry(new int[] {16, 6, 3, 14, 14, 5, 0}))).isFalse();
        assertThat(SmallChannelConv.fewOutputColumns(geometry(new int[] {8, 2, 2, 40, 40, 3, 1}))).isFalse();
        assertThat(SmallChannelConv.fewOutputColumns(geometry(new int[] {8, 8, 5, 40, 40, 3, 1}))).isFalse();
        // 288 taps: past one GEMM block, up to MAX_FEWEST_OUTPUTS_REDUCTION the row kernel's one chain keeps its bits
        assertThat(SmallChannelConv.fewOutputColumns(ConvDispatch.flipped(geometry(new int[] {8, 3, 32, 30, 30, 3, 1}))))
                .isFalse();
    }
}
