package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.window.Windows;

import static dev.convkit.core.kernels.VectorOps.CHANNEL_BLOCK_POSITIONS;

/**
 * c5s2-24: the forward of a dense 2-d convolution with stride 2 (the shapes {@link PhaseSplitConv#pays} takes; 3×3
 * since cb25) as a direct convolution with the response channels in the vector lanes,
 * PyTorch / oneDNN's form: {@link VectorOps#convChannelBlock} holds 3 or 2 vectors (1 for 16 channels) of response channels ×
 * {@value VectorOps#CHANNEL_BLOCK_POSITIONS} response positions in registers across a reduction block and broadcasts
 * each input value. The positions are any {@value VectorOps#CHANNEL_BLOCK_POSITIONS} of a band (across row ends), read
 * where they lie in a zero-padded copy of the band's image rows: no columns computed and dropped, no packed B, no phase
 * split. The weights are packed once a call as [channel block][reduction index][channel]. The phases' GEMM computes
 * the columns past each row end on rows narrower than 15 and spends ~15 % packing and splitting (c5s2-23); the
 * dispatch sends those here ({@code ConvDispatch}: the kernel reads ~95 GFLOP/s on Zen 4 where the GEMM's reads 115, so
 * the GEMM keeps wider rows).
 *
 * <p>Each response element is summed by one task over the GEMM path's reduction blocks (at most {@link FastConv#KC}
 * indices, equal lengths), each block from zero in weight order then added to the sum: the GEMM path's bits, at any
 * thread count and banding.
 */
final class ChannelBlockConv {
    /** Response positions a task aims at: bands of whole response rows, several a image so two threads share 8 images. */
    static final int BAND_POSITIONS = 128;

    private final VectorOps ops;
    /** Response channels a vector holds (16 on AVX-512; 8 for the scalar loops); a block holds 1 to 3 vectors. */
    private final int lanes;
    /** Packed weights and the tap table, built by the calling thread before its tasks: a role no task uses. */
    private final ThreadScratch callScratch = new ThreadScratch();
    /** A task's padded band and block sums. */
    private final ThreadScratch taskScratch = new ThreadScratch();

    ChannelBlockConv(VectorOps ops) {
        this.ops = ops;
        this.lanes = Math.max(ops.channelLanes(), 8);
    }

    /**
     * Whether the forward of {@code g} may run here: the phase split's shapes (3×3 too, cb25) with at least
     * {@value PhaseSplitConv#MIN_WIDE_CHANNELS} image channels, on response rows of at least
     * {@value VectorOps#CHANNEL_BLOCK_POSITIONS} (a block's positions cross at most one row end).
     */
    static boolean pays(ConvGeometry g) {
        return PhaseSplitConv.applies(g) && g.imageChannels() >= PhaseSplitConv.MIN_WIDE_CHANNELS
                && g.response()[2] >= CHANNEL_BLOCK_POSITIONS;
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int h = g.image()[1];
        int w = g.image()[2];
        int oh = g.response()[1];
        int ow = g.response()[2];
        int kh = g.kernel()[1];
        int kw = g.kernel()[2];
        int sy = g.stride()[1];
        int sx = g.stride()[2];
        int k = cin * kh * kw;
        int rowsPerBand = Math.max(1, Math.min(oh, BAND_POSITIONS / ow));
        int bands = (oh + rowsPerBand - 1) / rowsPerBand;
        int maxRows = (oh + bands - 1) / bands;
        int bandWidth = (int) Windows.reach(ow, kw, sx, 1); // padded columns the response row's windows read
        int bandPlane = (int) Windows.reach(maxRows, kh, sy, 1) * bandWidth;
        int[] widths = blockWidths(cout);
        float[] packed = packWeights(weight, cout, k, widths);
        int[] taps = tapTable(cin, kh, kw, bandPlane, bandWidth);
        int blocks = (k + FastConv.KC - 1) / FastConv.KC;
        int plane = oh * ow;
        float[] out = Storage.floats(g.responseSize()); // every response element is written once from a block's sums
        Parallel.forEach(g.batch() * bands, task -> {
            int n = task / bands;
            int band = task % bands;
            int r0 = band * oh / bands;
            int rows = (band + 1) * oh / bands - r0;
            int positions = rows * ow;
            int groups = (positions + CHANNEL_BLOCK_POSITIONS - 1) / CHANNEL_BLOCK_POSITIONS;
            int sumsLength = groups * CHANNEL_BLOCK_POSITIONS * 3 * lanes;
            float[] work = taskScratch.floats(cin * bandPlane + sumsLength);
            padBand(image, n * cin * h * w, cin, h, w, r0 * sy - g.padLeft()[1], -g.padLeft()[2],
                    (int) Windows.reach(rows, kh, sy, 1), bandWidth, bandPlane, work);
            int sums = cin * bandPlane;
            int rowStep = sy * bandWidth;
            int lastStart = positions - CHANNEL_BLOCK_POSITIONS; // the last group moves back: no position past the band
            for (int c0 = 0, b = 0; c0 < cout; c0 += widths[b++]) {
                int width = widths[b];
                int wBlock = c0 * k; // the block's packed weights: k rows of width channels
                for (int blk = 0; blk < blocks; blk++) {
                    int k0 = blk * k / blocks;
                    int kc = (blk + 1) * k / blocks - k0;
                    for (int gr = 0; gr < groups; gr++) {
                        int q = Math.min(gr * CHANNEL_BLOCK_POSITIONS, lastStart);
                        int oy = q / ow;
                        int ox = q % ow;
                        int split = Math.min(CHANNEL_BLOCK_POSITIONS, ow - ox); // positions before the row end
                        ops.convChannelBlock(work, oy * rowStep + sx * ox, (oy + 1) * rowStep - sx * split, split, taps,
                                k0, kc, packed, wBlock + k0 * width, width, work,
                                sums + gr * CHANNEL_BLOCK_POSITIONS * width, blk > 0);
                    }
                }
                // each position's channels from the block's sums into the response planes
                int kept = Math.min(width, cout - c0);
                int lastGroup = (groups - 1) * CHANNEL_BLOCK_POSITIONS;
                for (int o = 0; o < kept; o++) {
                    int dst = (n * cout + c0 + o) * plane + r0 * ow;
                    for (int p = 0; p < positions; p++) {
                        int slot = p < lastGroup ? p : lastGroup + p - lastStart;
                        out[dst + p] = work[sums + slot * width + o];
                    }
                }
            }
        });
        return out;
    }

    /**
     * The response channels' blocks, in order: 2 vectors each (a lone vector holds 6 sums, too few to keep the
     * multiply-adds ahead of the loads), and one of 3 where the vectors are odd (3 × 16 channels with 256 reduction
     * indices are 48 kB of weights, past L1: c5x5-s2-27-48's 96 channels as 2 × 48 measured 4.07-4.13 ms, as 3 × 32
     * 3.70-3.90; c7x7-s2-29's 48 as 48 2.85, as 32 + 16 3.02); channels past the last are padded to a vector.
     */
    private int[] blockWidths(int cout) {
        int vectors = (cout + lanes - 1) / lanes;
        if (vectors == 1) {
            return new int[] {lanes};
        }
        int[] widths = new int[vectors / 2];
        java.util.Arrays.fill(widths, 2 * lanes);
        widths[0] = vectors % 2 == 0 ? 2 * lanes : 3 * lanes;
        return widths;
    }

    /** The weights as [channel block][reduction index][channel], channels past the last zero. */
    private float[] packWeights(float[] weight, int cout, int k, int[] widths) {
        int padded = (cout + lanes - 1) / lanes * lanes;
        float[] packed = callScratch.floats(padded * k);
        for (int c0 = 0, b = 0; c0 < cout; c0 += widths[b++]) {
            int width = widths[b];
            int base = c0 * k;
            for (int o = 0; o < width; o++) {
                int co = c0 + o;
                for (int i = 0; i < k; i++) {
                    packed[base + i * width + o] = co < cout ? weight[co * k + i] : 0f;
                }
            }
        }
        return packed;
    }

    /** Reduction index (ci·KH + ky)·KW + kx's offset in a padded band: channel planes {@code bandPlane} apart. */
    private int[] tapTable(int cin, int kh, int kw, int bandPlane, int bandWidth) {
        int[] taps = callScratch.ints(cin * kh * kw);
        for (int ci = 0; ci < cin; ci++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    taps[(ci * kh + ky) * kw + kx] = ci * bandPlane + ky * bandWidth + kx;
                }
            }
        }
        return taps;
    }

    /**
     * Rows [0, bandRows) × [0, bandWidth) of the zero-padded image channels: element (i, j) of channel c at
     * {@code dst[c·bandPlane + i·bandWidth + j]}, the image's {@code (row0 + i, col0 + j)}, zero outside.
     */
    private static void padBand(float[] src, int base, int cin, int h, int w, int row0, int col0, int bandRows,
                                int bandWidth, int bandPlane, float[] dst) {
        int jLo = Math.min(bandWidth, Math.max(0, -col0));
        int jHi = Math.max(jLo, Math.min(bandWidth, w - col0));
        for (int c = 0; c < cin; c++) {
            for (int i = 0; i < bandRows; i++) {
                int d = c * bandPlane + i * bandWidth;
                int r = row0 + i;
                if (r < 0 || r >= h) {
                    java.util.Arrays.fill(dst, d, d + bandWidth, 0f);
                    continue;
                }
                java.util.Arrays.fill(dst, d, d + jLo, 0f);
                System.arraycopy(src, base + (c * h + r) * w + col0 + jLo, dst, d + jLo, jHi - jLo);
                java.util.Arrays.fill(dst, d + jHi, d + bandWidth, 0f);
            }
        }
    }
}
