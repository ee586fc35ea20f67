package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

/**
 * bwd8: the weight gradient of a 2-d small-channel convolution with the response channels in the vector
 * lanes ({@link VectorOps#tapLaneGradient}). Each image's response is transposed once (a position's channels
 * side by side, blocks of {@link VectorOps#gradientLanes()} channels) and the image is read in place (padded
 * once per image only when the convolution pads): every multiply-add is one vector load of the transposed
 * response and one broadcast image value, no tap layout is copied, and no lane goes to a row's remainder.
 * The dense tap layout it replaces ({@link SmallChannelConv}) copied 420 rows per lenet-c2 image and its
 * 4×4 blocks loaded two vectors, most straddling cache lines, per multiply-add pair.
 *
 * <p>Images come in fixed chunks (up to {@link DepthwiseConv#MIN_TASKS}, whatever the thread count, so
 * that 8 images keep two threads busy: the dense layout's chunks of at least 32 images left lenet-odd-15's
 * 32 images on one thread); a chunk's sums are added in image then position order, and the chunks' sums in chunk order,
 * so the bits do not depend on the thread count.
 */
final class ChannelLaneGradient {
    private final VectorOps ops;
    private final ThreadScratch transposedResponse = new ThreadScratch();
    private final ThreadScratch paddedImage = new ThreadScratch();
    private final ThreadScratch laneSums = new ThreadScratch();
    private final ThreadScratch chunkSums = new ThreadScratch();
    private final ThreadScratch tapTable = new ThreadScratch();
    private final ThreadScratch positionTable = new ThreadScratch();

    ChannelLaneGradient(VectorOps ops) {
        this.ops = ops;
    }

    /**
     * Whether the weight gradient of {@code g} runs here (given it is a small-channel one): 2-d with kernel
     * rows of 3 or 5 adjacent taps (the register blocks), response channels filling at least 3/4 of the lanes
     * of their vectors (6 channels in 16 lanes stays on the dense layout) and output rows at most
     * {@link SmallChannelConv#ROW_OUTPUTS} wide, where the dense layout copies a short row per (image channel,
     * kernel column, row). Thread-CPU A/B at 1 thread (ms, dense → here, loaded machine): lenet-c2 0.63 → 0.34,
     * 5 × 5×5 on 12×12 into 32 0.84 → 0.38, 8 × 3×3 on 16×16 padded 0.32 → 0.24; wider rows lost
     * (3 × 3×3 on 57×57 0.30 → 0.73, 1 × 3×3 into 32 on 28×28 0.53 → 1.7) or tied (6 × 5×5 on 28×28 padded, 24-wide rows).
     */
    static boolean applies(ConvGeometry g, int lanes) {
        int kw = g.kernel()[2];
        int cout = g.responseChannels();
        int padded = DepthwiseConv.ceilDiv(cout, lanes) * lanes;
        return SmallChannelConv.planar(g) && g.dilation()[2] == 1 && (kw == 3 || kw == 5)
                && 4 * cout >= 3 * padded && g.response()[2] <= SmallChannelConv.ROW_OUTPUTS;
    }

    /** Output positions whose transposed response blocks one pass over the taps reads (16 KB a block at 16 lanes). */
    static final int POSITION_TILE = 256;

    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        ImageLayout l = new ImageLayout(g, true);
        int lanes = ops.gradientLanes();
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int kv = g.kernelVolume();
        int taps = cin * kv;
        int blocks = DepthwiseConv.ceilDiv(cout, lanes);
        int rows = g.response()[1];
        int width = g.response()[2];
        int plane = g.responsePlane();
        int pitch = l.padded[2];
        int run = g.dilation()[2] == 1 ? g.kernel()[2] : 1;
        int size = g.weightSize();
        int laneSize = blocks * taps * lanes;
        // up to MIN_TASKS chunks however few images: a chunk's only overhead is clearing and reading its sums
        int perChunk = DepthwiseConv.ceilDiv(g.batch(), Math.min(g.batch(), DepthwiseConv.MIN_TASKS));
        int chunks = DepthwiseConv.ceilDiv(g.batch(), perChunk);
        int[] tapStarts = tapTable.ints(taps); // the calling thread's table, read by every task
        for (int ci = 0; ci < cin; ci++) {
            for (int t = 0; t < kv; t++) {
                tapStarts[ci * kv + t] = ci * l.plane + l.tapOffset[t];
            }
        }
        int[] positions = positionTable.ints(plane); // where each output position's window starts in the padded image
        for (int oy = 0; oy < rows; oy++) {
            for (int ox = 0; ox < width; ox++) {
                positions[oy * width + ox] = oy * pitch + ox;
            }
        }
        float[] sums = chunkSums.floats(chunks * size);
        Parallel.forEach(chunks, chunk -> {
            int from = chunk * perChunk;
            int to = Math.min(g.batch(), from + perChunk);
            float[] acc = laneSums.floats(laneSize);
            java.util.Arrays.fill(acc, 0, laneSize, 0f);
            float[] yT = transposedResponse.floats(blocks * plane * lanes);
            for (int n = from; n < to; n++) {
                transpose(response, n * cout * plane, cout, plane, lanes, yT);
                float[] x = image;
                int xo = n * cin * g.imagePlane();
                if (l.needsCopy) {
                    x = paddedImage.floats(cin * l.plane);
                    l.padInto(image, n, 0, cin, x);
                    xo = 0;
                }
                for (int p0 = 0; p0 < plane; p0 += POSITION_TILE) { // a tile's transposed response stays in L1
                    int p1 = Math.min(plane, p0 + POSITION_TILE);
                    for (int b = 0; b < blocks; b++) {
                        ops.tapLaneGradient(x, xo, tapStarts, taps, run, positions, p0, p1, yT, b * plane * lanes,
                                acc, b * taps * lanes);
                    }
                }
            }
            for (int co = 0; co < cout; co++) {
                int b = co / lanes;
                int c = co % lanes;
                for (int k = 0; k < taps; k++) {
                    sums[chunk * size + co * taps + k] = acc[(b * taps + k) * lanes + c];
                }
            }
        });
        float[] dw = Storage.floats(size);
        for (int k = 0; k < size; k++) {
            double sum = 0;
            for (int c = 0; c < chunks; c++) {
                sum += sums[c * size + k];
            }
            dw[k] = (float) sum;
        }
        return dw;
    }

    /**
     * One image's response planes (cout × plane at {@code yo}) into {@code yT}: block b of {@code lanes}
     * channels holds position p's channels at {@code (b·plane + p)·lanes}, zero past the last channel.
     */
    private static void transpose(float[] y, int yo, int cout, int plane, int lanes, float[] yT) {
        int blocks = DepthwiseConv.ceilDiv(cout, lanes);
        if (cout < blocks * lanes) {
            java.util.Arrays.fill(yT, 0, blocks * plane * lanes, 0f);
        }
        for (int co = 0; co < cout; co++) {
            int src = yo + co * plane;
            int dst = (co / lanes) * plane * lanes + co % lanes;
            for (int p = 0; p < plane; p++) {
                yT[dst + p * lanes] = y[src + p];
            }
        }
    }
}
