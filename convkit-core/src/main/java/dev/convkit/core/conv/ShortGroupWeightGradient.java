package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

import java.util.Arrays;

/**
 * The unit-stride 2-d weight gradient of grouped convolutions with few response channels a group (grp25), as dot
 * products along the positions, {@code dW[co][ci·KV + tap] = Σ_n Σ_v dy_n[co][v] · x_n[ci][tapOffset + v]}, four
 * response rows by four tap rows at a time on {@link MicroKernel#dotBlock}, on a compact layout of the batch:
 *
 * <p>every image is laid out in rows of {@code pitch = W + max(pad left, pad right)} floats, {@code H + max(pad top,
 * pad bottom)} rows an image, the images end to end. A tap's read past a row's end lands in the next row's left
 * zeros, and past an image's last row in the next image's top zero rows: the two sides of the padding are shared,
 * one row and one image to the next. The response is laid out on the same rows (its columns past the response's
 * width zero), so every tap row is one contiguous run over all the images of a pass. FastConv's row weight
 * gradient lays out each image on its whole padded plane, rounded to a vector: g8-3x3-13 224 positions an image
 * against 14 × 14 = 196 here, g4-5x5-21 576 against 529.
 *
 * <p>A weight's positions go into the lanes {@code v mod dotLanes()} of a pass's run, the passes in image order,
 * then the lanes summed in order: the same sums whatever the tiles and the thread count.
 */
final class ShortGroupWeightGradient {
    /** Response channels a group, at most: FastConv's rows-weight-gradient limit, one tile of rows. */
    static final int MAX_CHANNELS = 64;
    /** Taps a kernel, at most (5×5): past it the packed GEMM. */
    static final int MAX_TAPS = 25;
    /** Image rows (channel × tap) per tile, at most: with 64 rows, its lane accumulators stay in L2. */
    private static final int TILE_TAPS = 288;
    /** Floats of image and response copies per tile pass. */
    private static final int COPY_BUDGET = 128 * 1024;
    /** Positions a pass at least (when the batch has them): shorter dots spend their time on the accumulators. */
    private static final int MIN_DOT = 1024;

    private final MicroKernel micro;
    private final VectorOps vectors;
    private final ThreadScratch scratch = new ThreadScratch();

    ShortGroupWeightGradient(MicroKernel micro, VectorOps vectors) {
        this.micro = micro;
        this.vectors = vectors;
    }

    /**
     * Whether the weight gradient of {@code g} runs here: a grouped 2-d convolution with unit strides, a kernel of
     * 2 to {@value #MAX_TAPS} taps and at most {@value #MAX_CHANNELS} response channels a group.
     */
    static boolean applies(ConvGeometry g) {
        int kv = g.kernelVolume();
        return g.groups() > 1 && g.image()[0] == 1 && g.kernel()[0] == 1 && g.response()[0] == 1
                && g.stride()[1] == 1 && g.stride()[2] == 1 && kv > 1 && kv <= MAX_TAPS
                && g.responseChannels() / g.groups() <= MAX_CHANNELS;
    }

    /** The rows of the compact layout: pitch, rows an image and where the image sits in them. */
    private record Rows(int pitch, int height, int top, int left) {
        static Rows of(ConvGeometry g) {
            return new Rows(side(g, 2), side(g, 1), g.padLeft()[1], g.padLeft()[2]);
        }

        /**
         * Dimension i's extent: the image and the larger of its two paddings (the smaller one shared with the next
         * row or image), or the response's if that is longer.
         */
        private static int side(ConvGeometry g, int i) {
            int before = g.padLeft()[i];
            int reach = g.response()[i] + (g.kernel()[i] - 1) * g.dilation()[i];
            int after = Math.max(0, reach - before - g.image()[i]);
            return Math.max(g.image()[i] + Math.max(before, after), g.response()[i]);
        }

        int slot() {
            return pitch * height;
        }
    }

    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int kv = g.kernelVolume();
        int lanes = micro.dotLanes();
        Rows rows = Rows.of(g);
        int slot = rows.slot();
        int[] tapOffset = tapOffsets(g, rows.pitch());
        int reach = tapOffset[kv - 1];
        int lastColumn = (g.response()[1] - 1) * rows.pitch() + g.response()[2]; // an image's columns
        // images per pass: enough for a long dot, dealt out evenly over the passes
        int longest = Math.min(g.batch(), (MIN_DOT + slot - 1) / slot);
        int passes = (g.batch() + longest - 1) / longest;
        int run = (g.batch() + passes - 1) / passes;
        int mp = roundUp(m, 4);
        int channelsPerTile = Math.max(1, TILE_TAPS / kv);
        if (run > 1) { // their copies within the budget, but not so few channels that the response copies weigh
            channelsPerTile = Math.min(channelsPerTile, Math.max((63 + kv) / kv, COPY_BUDGET / (run * slot) - mp));
        }
        // a tile per thread at least; how the channels are dealt out does not change a weight's sum
        int channelBlocks = Math.min(cg, Math.max((cg + channelsPerTile - 1) / channelsPerTile,
                (Parallel.threads() + groups - 1) / groups));
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(groups * channelBlocks, task -> {
            int grp = task / channelBlocks;
            int cb = task % channelBlocks;
            int ci0 = cb * cg / channelBlocks;
            int channels = (cb + 1) * cg / channelBlocks - ci0;
            int kn = channels * kv;
            int tapQuads = (kn + 3) / 4;
            int ld = run * slot + lanes;             // a response row's copies: the last vector's zeros after them
            int xStride = ld + reach;                // an image channel's copies: the last taps' reads too
            int accFloats = mp / 4 * tapQuads * 16 * lanes;
            int xOff = accFloats;
            int dOff = xOff + channels * xStride;
            float[] work = scratch.floats(dOff + mp * ld);
            Arrays.fill(work, 0, accFloats, 0f);
            Arrays.fill(work, dOff + m * ld, dOff + mp * ld, 0f); // a ragged quad's rows: zeros, never read back
            for (int n0 = 0; n0 < g.batch(); n0 += run) {
                int count = Math.min(run, g.batch() - n0);
                for (int c = 0; c < channels; c++) {
                    int at = xOff + c * xStride;
                    for (int j = 0; j < count; j++) {
                        copyImage(g, rows, image, ((n0 + j) * g.imageChannels() + grp * cg + ci0 + c) * g.imagePlane(),
                                work, at + j * slot);
                    }
                    Arrays.fill(work, at + count * slot, at + xStride, 0f);
                }
                for (int r = 0; r < m; r++) {
                    int at = dOff + r * ld;
                    for (int j = 0; j < count; j++) {
                        copyResponse(g, rows, response,
                                ((n0 + j) * g.responseChannels() + grp * m + r) * g.responsePlane(), work, at + j * slot);
                    }
                    Arrays.fill(work, at + count * slot, at + ld, 0f);
                }
                int len = roundUp((count - 1) * slot + lastColumn, lanes);
                for (int rq = 0; rq < mp / 4; rq++) {
                    for (int tq = 0; tq < tapQuads; tq++) {
                        micro.dotBlock(len, work, dOff + rq * 4 * ld, ld, work,
                                tapRow(tapOffset, xOff, xStride, Math.min(4 * tq, kn - 1)),
                                tapRow(tapOffset, xOff, xStride, Math.min(4 * tq + 1, kn - 1)),
                                tapRow(tapOffset, xOff, xStride, Math.min(4 * tq + 2, kn - 1)),
                                tapRow(tapOffset, xOff, xStride, Math.min(4 * tq + 3, kn - 1)),
                                work, (rq * tapQuads + tq) * 16 * lanes);
                    }
                }
            }
            FastConv.sumLanesInOrder(work, m, kn, tapQuads, lanes, dw, grp * m, cg * kv, ci0 * kv);
        });
        return dw;
    }

    /** Each tap's offset on the compact rows, in kernel order. */
    private static int[] tapOffsets(ConvGeometry g, int pitch) {
        int kh = g.kernel()[1];
        int kw = g.kernel()[2];
        int[] offsets = new int[kh * kw];
        for (int a = 0; a < kh; a++) {
            for (int b = 0; b < kw; b++) {
                offsets[a * kw + b] = a * g.dilation()[1] * pitch + b * g.dilation()[2];
            }
        }
        return offsets;
    }

    /** Where tap row {@code t} (channel t / KV of the tile, tap t % KV) starts in the copies. */
    private static int tapRow(int[] tapOffset, int xOff, int xStride, int t) {
        return xOff + t / tapOffset.length * xStride + tapOffset[t % tapOffset.length];
    }

    /** An image channel's plane into its slot: top zero rows, the rows between their paddings, bottom zero rows. */
    private void copyImage(ConvGeometry g, Rows rows, float[] image, int src, float[] out, int at) {
        int first = at + rows.top() * rows.pitch();
        int end = first + g.image()[1] * rows.pitch();
        Arrays.fill(out, at, first, 0f);
        vectors.padRows(image, src, g.image()[2], g.image()[1], out, first, rows.pitch(), rows.left());
        Arrays.fill(out, end, at + rows.slot(), 0f);
    }

    /** A response channel's plane into its slot: its rows, zeros to the end of each row and of the slot. */
    private void copyResponse(ConvGeometry g, Rows rows, float[] response, int src, float[] out, int at) {
        int end = at + g.response()[1] * rows.pitch();
        vectors.padRows(response, src, g.response()[2], g.response()[1], out, at, rows.pitch(), 0);
        Arrays.fill(out, end, at + rows.slot(), 0f);
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
