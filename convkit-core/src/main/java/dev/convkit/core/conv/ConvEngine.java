package dev.convkit.core.conv;

/**
 * The three products of a convolution over a {@link ConvGeometry} (see {@link ReferenceConv} for
 * their definitions). {@link ReferenceConv#ENGINE} is the oracle; {@link FastConv} the packed-GEMM
 * engine. Neither adds the bias.
 *
 * <pre>{@code
 * ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d(), new int[] {1, 1, 5, 5}, new int[] {1, 1, 3, 3}, null).geometry();
 * float[] a = {4, 5, 2, 2, 1, 3, 3, 2, 2, 4, 4, 3, 4, 1, 1, 5, 1, 4, 1, 2, 5, 1, 3, 1, 4};
 * float[] k = {4, 3, 3, 5, 5, 5, 2, 4, 3};
 * ConvEngine oracle = ReferenceConv.ENGINE;
 * float[] dk = oracle.weightGradient(g, a, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
 * assert dk[0] == 4 + 5 + 2 + 3 + 3 + 2 + 4 + 3 + 4;           // dE/dK[0][0]: the top-left 3x3 of A
 * assert oracle.correlate(g, a, k)[1] == 92;
 * }</pre>
 */
public interface ConvEngine {
    /** The response: the cross-correlation of {@code image} with {@code weight}. */
    float[] correlate(ConvGeometry g, float[] image, float[] weight);

    /** The image: every response element scattered back through the kernel. */
    float[] scatter(ConvGeometry g, float[] response, float[] weight);

    /** The weight gradient: the sum of image × response over every triple. */
    float[] weightGradient(ConvGeometry g, float[] image, float[] response);
}
