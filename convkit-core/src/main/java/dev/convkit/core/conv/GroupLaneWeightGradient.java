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
     * {@value FastConv#GROUP_LANES} response channels a group, one vector of the backend, kernel rows the backend has a
     * vector kernel for (3 or 5 taps wide, columns not dilated), response rows at least
     * {@value FastConv#GROUP_LANES_MIN_WIDTH} wide (the forward's lanes rule).
     */
    boolean pays(ConvGeometry g) {
        return ops.channelLanes() == FastConv.GROUP_LANES && ShortGroupWeightGradient.applies(g)
                && g.responseChannels() / g.groups() == FastConv.GROUP_LANES && g.dilation()[2] == 1
                && ops.groupLaneWeightRowsPerCall(g.kernel()[2]) > 0
                && g.response()[2] >= FastConv.GROUP_LANES_MIN_WIDTH;
    }

    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        ImageLayout l = new ImageLayout(g, false);
        int groups = g.groups();
        int m = ops.channelLanes();
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
            int accFloats = channels * kv * m;
            int dyOff = accFloats;
            int xOff = dyOff + positions * m;
            float[] work = scratch.floats(xOff + channels * band);
            int[] xo = scratch.ints(perCall);
            Arrays.fill(work, 0, accFloats, 0f);
            for (int n = 0; n < g.batch(); n++) {
                l.padBandRows(ops, image, n, grp * cg + ci0, channels, 0, l.padded[1], work, xOff);
                ops.planesToTile(response, (n * g.responseChannels() + grp * m) * plane, plane, m, positions, work,
                        dyOff);
                for (int q0 = 0; q0 < kernelRows; q0 += perCall) {
                    int count = Math.min(perCall, kernelRows - q0);
                    for (int a = 0; a < count; a++) {
                        int q = q0 + a;
                        xo[a] = xOff + q / kh * band + q % kh * rowStep;
                    }
                    ops.groupLaneWeightRows(work, dyOff, height, width, work, xo, count, pitch, kw, work, q0 * kw * m);
                }
            }
            for (int co = 0; co < m; co++) {
                int row = (grp * m + co) * cg * kv + ci0 * kv;
                for (int i = 0; i < channels * kv; i++) {
                    dw[row + i] = work[i * m + co];
                }
            }
        });
        return dw;
    }
}
