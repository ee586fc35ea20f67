package dev.convkit.core.kernels;

/**
 * The scalar twin of the short-reduction correlation with the response channels in the lanes
 * ({@link VectorOps#convChannelLanes}): output positions come in segments of 4 or 5 consecutive columns of one
 * output row, each summing over the taps in order.
 */
public final class ChannelLaneConv {
    /** The narrowest segment: output rows at least this wide can be cut into segments. */
    public static final int SEGMENT = 4;

    private ChannelLaneConv() {
    }

    /** See {@link VectorOps#convChannelLanes}. */
    public static void correlate(float[] x, int xo, int[] inStarts, int[] outStarts, int segments, int segment,
                                 int[] tapStarts,
                                 int taps, float[] wT, int wo, int wStride, int channels,
                                 float[] out, int oo, int outStride) {
        for (int s = 0; s < segments; s++) {
            int in = xo + inStarts[s];
            for (int p = 0; p < segment; p++) {
                for (int co = 0; co < channels; co++) {
                    float sum = 0;
                    for (int k = 0; k < taps; k++) {
                        sum += wT[wo + k * wStride + co] * x[in + tapStarts[k] + p];
                    }
                    out[oo + co * outStride + outStarts[s] + p] = sum;
                }
            }
        }
    }
}
