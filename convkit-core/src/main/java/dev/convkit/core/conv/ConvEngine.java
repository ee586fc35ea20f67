package dev.convkit.core.conv;

/**
 * The three products of a convolution over a {@link ConvGeometry} (see {@link ReferenceConv} for
 * their definitions). {@link ReferenceConv#ENGINE} is the oracle; {@link FastConv} the packed-GEMM
 * engine. Neither adds the bias.
 */
public interface ConvEngine {
    /** The response: the cross-correlation of {@code image} with {@code weight}. */
    float[] correlate(ConvGeometry g, float[] image, float[] weight);

    /** The image: every response element scattered back through the kernel. */
    float[] scatter(ConvGeometry g, float[] response, float[] weight);

    /** The weight gradient: the sum of image × response over every triple. */
    float[] weightGradient(ConvGeometry g, float[] image, float[] response);
}
