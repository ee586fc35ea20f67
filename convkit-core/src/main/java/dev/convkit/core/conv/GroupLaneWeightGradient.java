package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

import java.util.Arrays;

/**
 * grp29: the weight gradient of short groups in the lanes form (oneDNN's): a group's {@value FastConv#GROUP_LANES}
 * response channels are one vector, and {@code dW[ci][tap][co]} is accumulated over every image's positions as
 * {@code Σ_n Σ_v dy_n[v][co] · x_n[ci][v + tap]}, the response gradient transposed once an image to position-major
 * ({@link VectorOps#planesToTile}), the image channels copied once an image onto their zero-padded planes
 * ({@link ImageLayout#padBandRows}). Along a response row each input value is broadcast once for the kernel row's
 * taps it meets ({@link VectorOps#groupLaneWeightRows}; grp28's row trick in reverse): no im2col, no column dropped,
 * no lanes to sum at the end.
 *
 * <p>Each weight is one accumulator lane, summed over the images, rows and columns in order: the same sums whatever
 * the tasks (a group's image channels dealt out in blocks) and the thread count.
 */
final class GroupLaneWeightGradient {
    private final VectorOps ops;
    private final ThreadScratch scratch = new ThreadScratch();

    GroupLaneWeightGradient(VectorOps ops) {
        this.ops = ops;
    }

    /**
     * Whether the weight gradient of {@code g} runs here: {@link ShortGroupWeightGradient}'s shapes with
     * {@value FastConv#GROUP_LANES} to {@value FastConv#GROUP_LANES_MAX} response channels a group (g32-30: past 16 in
     * slices of one vector), one vector of the backend, kernel rows the backend has a vector kernel for (3 or 5 taps
     * wide, columns not dilated), response rows at least {@value FastConv#GROUP_LANES_MIN_WIDTH} wide (the forward's
     * lanes rule for whole vectors; unlike the forward, partial last vectors too: grp59 read 24 a group on 7 × 7 2.20x
     * faster here).
     */
    boolean pays(ConvGeometry g) {
        int m = g.responseChannels() / g.groups();
        return ops.channelLanes() == FastConv.GROUP_LANES && ShortGroupWeightGradient.applies(g)
                && m >= FastConv.GROUP_LANES && m <= FastConv.GROUP_LANES_MAX && g.dilation()[2] == 1
                && ops.groupLaneWeightRowsPerCall(g.kernel()[2]) > 0
                && g.response()[2] >= FastConv.GROUP_LANES_MIN_WIDTH;
    }

    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        ImageLayout l = FastConv.bandLayout(g);
        int groups = g.groups();
        int lanes = ops.channelLanes();
        int m = g.responseChannels() / groups;
        // g32-30: a group's response channels in slices of one vector, the last one's spare lanes zero (20, 24 a
        // group); each slice a kernel call of its own over the image channels' band, padded once an image
        int slices = (m + lanes - 1) / lanes;
        int cg = g.imageChannels() / groups;
        int kh = g.kernel()[1];
        int kw = g.kernel()[2];
        int kv = kh * kw;
        int perCall = Math.max(1, ops.groupLaneWeightRowsPerCall(kw));
        int pitch = l.padded[2];
        int band = l.padded[1] * pitch;
        int rowStep = g.dilation()[1] * pitch;
        int height = g.response()[1];
        int width = g.response()[2];
        int positions = height * width;
        int plane = g.responsePlane();
        // two tasks a thread at least (three groups on two threads: 2 + 1 tasks, six: 3 + 3); how a group's image
        // channels are dealt out does not change a weight's sum
        int blocks = Math.min(cg, Math.max(1, (2 * Parallel.threads() + groups - 1) / groups));
        float[] dw = Storage.floats(g.weightSize()); // the tasks write every weight
        Parallel.forEach(groups * blocks, task -> {
            int grp = task / blocks;
            int cb = task % blocks;
            int ci0 = cb * cg / blocks;
            int channels = (cb + 1) * cg / blocks - ci0;
            int kernelRows = channels * kh; // accumulator rows: (channel, kernel row), kw taps each
            int sliceAcc = channels * kv * lanes; // a slice's accumulators, [channel][tap][lane]
            int sliceDy = positions * lanes; // a slice's response gradient, [position][lane]
            int dyOff = slices * sliceAcc;
            int xOff = dyOff + slices * sliceDy;
            float[] work = scratch.floats(xOff + channels * band);
            int[] xo = scratch.ints(perCall);
            Arrays.fill(work, 0, dyOff, 0f);
            for (int n = 0; n < g.batch(); n++) {
                l.padBandRows(ops, image, n, grp * cg + ci0, channels, 0, l.padded[1], work, xOff);
                for (int sl = 0; sl < slices; sl++) {
                    int co0 = sl * lanes;
                    int from = (n * g.responseChannels() + grp * m + co0) * plane;
                    int d = dyOff + sl * sliceDy;
                    if (m - co0 >= lanes) {
                        ops.planesToTile(response, from, plane, lanes, positions, work, d);
                    } else {
                        partialTile(response, from, plane, m - co0, positions, lanes, work, d);
                    }
                }
                for (int q0 = 0; q0 < kernelRows; q0 += perCall) {
                    int count = Math.min(perCall, kernelRows - q0);
                    for (int a = 0; a < count; a++) {
                        int q = q0 + a;
                        xo[a] = xOff + q / kh * band + q % kh * rowStep;
                    }
                    for (int sl = 0; sl < slices; sl++) {
                        ops.groupLaneWeightRows(work, dyOff + sl * sliceDy, height, width, work, xo, count, pitch, kw,
                                work, sl * sliceAcc + q0 * kw * lanes);
                    }
                }
            }
            for (int co = 0; co < m; co++) {
                int row = (grp * m + co) * cg * kv + ci0 * kv;
                int acc = co / lanes * sliceAcc + co % lanes;
                for (int i = 0; i < channels * kv; i++) {
                    dw[row + i] = work[acc + i * lanes];
                }
            }
        });
        return dw;
    }

    /**
     * A group's last slice of fewer than {@code lanes} response channels, position-major with the spare lanes zero:
     * {@code out[o + p·lanes + c] = planes[s + c·plane + p]} for c < channels (their sums are never read).
     */
    private static void partialTile(float[] planes, int s, int plane, int channels, int positions, int lanes,
                                    float[] out, int o) {
        Arrays.fill(out, o, o + positions * lanes, 0f);
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < positions; p++) {
                out[o + p * lanes + c] = planes[s + c * plane + p];
            }
        }
    }
}
