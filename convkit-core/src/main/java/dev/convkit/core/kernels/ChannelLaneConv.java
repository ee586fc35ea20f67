package dev.convkit.core.kernels;

/**
 * The scalar twin of the short-reduction correlation with the response channels in the lanes
 * ({@link VectorOps#convChannelLanes}): output positions come in segments of 4 or 5 consecutive columns of one
 * output row, each summing over the taps in order.
 *
 * <pre>{@code
 * float[] x = {1, 2, 3, 4, 5};           // one input row
 * float[] wT = {1, 10, 2, 20};           // 2 taps (columns 0 and 1) x 2 channels, tap-major
 * float[] out = new float[8];            // 2 channels x 4 positions: one segment
 * ChannelLaneConv.correlate(x, 0, new int[] {0}, new int[] {0}, 1, 4, new int[] {0, 1}, 2, wT, 0, 2, 2, out, 0, 4);
 * assert out[0] == 1 * 1 + 2 * 2;        // channel 0 at position 0
 * assert out[4 + 3] == 4 * 10 + 5 * 20;  // channel 1 at position 3
 * }</pre>
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
