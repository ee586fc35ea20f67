package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.tensor.Storage;

import java.util.Arrays;

/**
 * The weight gradient of the plain 2-d 3×3 stride-2 convolutions {@link PhaseSplitConv} runs (s2conv9), over
 * phases of the padded image: tap (kh, kw) of image channel ci at response position (r, c) reads image element
 * {@code (2r + kh - pt, 2c + kw - pl)}, which is element (r + kh / 2, c) of the column-phase plane
 * {@code P[a][b][i][j] = x[2i + a - pt][2j + b - pl]} with a = kh % 2 and b = kw (six planes per channel, rows
 * of ow columns: the response's own row width). So every tap's row is one contiguous run of a plane, the
 * response is read in place, and {@code dW[co][ci·9 + tap] = Σ_n Σ_v dy_n[co][v] · P_n[ci][tap][v]} is a dot
 * product of contiguous rows, four response channels by four taps at a time on {@link MicroKernel#dotBlock}.
 * The strided GEMM path gathered the transposed im2col element by element (9 reads per image element) and
 * transposed the response for every column block of dW; here each image element is copied 1.5 times into
 * its planes, and the response not at all.
 *
 * <p>Tiles of at most {@value #TILE_ROWS} response channels × {@value #TILE_CHANNELS} image channels keep their
 * lane accumulators across the batch; positions past the last whole vector of an image go into their lanes as
 * one more vector, copied with zeros after them. Every weight is summed by one tile, over the same positions in the same lanes in the same
 * order, whatever the tiles and the thread count.
 */
final class PhaseSplitWeightGradient {
    /** Response channels per tile. */
    static final int TILE_ROWS = 128;
    /** Image channels per tile (× 9 taps): an image's planes of them stay in L2 while the response rows pass. */
    static final int TILE_CHANNELS = 16;

    private final MicroKernel micro;
    private final ThreadScratch scratch = new ThreadScratch();

    PhaseSplitWeightGradient(MicroKernel micro) {
        this.micro = micro;
    }

    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        int cin = g.imageChannels();
        int m = g.responseChannels();
        int h = g.image()[1];
        int w = g.image()[2];
        int oh = g.response()[1];
        int ow = g.response()[2];
        int pt = g.padLeft()[1];
        int pl = g.padLeft()[2];
        int lanes = micro.dotLanes();
        int positions = oh * ow;
        int len = positions / lanes * lanes;
        int planeSize = (oh + 1) * ow; // taps kh = 2 read one row further
        int[] tapOffset = new int[9];
        for (int tap = 0; tap < 9; tap++) {
            int kh = tap / 3;
            int kw = tap % 3;
            tapOffset[tap] = ((kh & 1) * 3 + kw) * planeSize + (kh >> 1) * ow;
        }
        int rowBlocks = (m + TILE_ROWS - 1) / TILE_ROWS;
        int mQuads = (m + 3) / 4;
        // a tile per thread at least; how the channels are dealt out does not change a weight's sum
        int channelBlocks = Math.min(cin, Math.max((cin + TILE_CHANNELS - 1) / TILE_CHANNELS,
                (Parallel.threads() + rowBlocks - 1) / rowBlocks));
        int k = cin * 9;
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(rowBlocks * channelBlocks, task -> {
            int rb = task / channelBlocks;
            int cb = task % channelBlocks;
            int co0 = rb * mQuads / rowBlocks * 4;
            int rows = Math.min((rb + 1) * mQuads / rowBlocks * 4, m) - co0;
            int ci0 = cb * cin / channelBlocks;
            int channels = (cb + 1) * cin / channelBlocks - ci0;
            int kn = channels * 9;
            int rowQuads = (rows + 3) / 4;
            int tapQuads = (kn + 3) / 4;
            int accFloats = rowQuads * tapQuads * 16 * lanes;
            int xOff = accFloats;
            int tail = positions - len;
            // the positions past the last whole vector, one vector of them zero-padded: response rows, then taps
            int dTail = xOff + channels * 6 * planeSize;
            int xTail = dTail + rowQuads * 4 * lanes;
            float[] work = scratch.floats(xTail + tapQuads * 4 * lanes);
            Arrays.fill(work, 0, accFloats, 0f);
            int[] tapRow = scratch.ints(tapQuads * 4);
            for (int t = 0; t < tapQuads * 4; t++) {
                int tt = Math.min(t, kn - 1); // a ragged quad repeats its last tap: those sums are never read
                tapRow[t] = xOff + tt / 9 * 6 * planeSize + tapOffset[tt % 9];
            }
            for (int n = 0; n < g.batch(); n++) {
                splitColumnPhases(image, (n * cin + ci0) * h * w, channels, h, w, pt, pl, oh + 1, ow, work, xOff);
                int dyBase = (n * m + co0) * positions;
                if (tail > 0) {
                    Arrays.fill(work, dTail, xTail + tapQuads * 4 * lanes, 0f);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(response, dyBase + r * positions + len, work, dTail + r * lanes, tail);
                    }
                    for (int t = 0; t < tapQuads * 4; t++) {
                        System.arraycopy(work, tapRow[t] + len, work, xTail + t * lanes, tail);
                    }
                }
                for (int rq = 0; rq < rowQuads; rq++) {
                    int d = dyBase + 4 * rq * positions;
                    int quadRows = Math.min(4, rows - 4 * rq);
                    for (int tq = 0; tq < tapQuads; tq++) {
                        int at = (rq * tapQuads + tq) * 16 * lanes;
                        int x0 = tapRow[4 * tq];
                        int taps = Math.min(4, kn - 4 * tq);
                        if (quadRows == 4) {
                            micro.dotBlock(len, response, d, positions, work, x0, tapRow[4 * tq + 1],
                                    tapRow[4 * tq + 2], tapRow[4 * tq + 3], work, at);
                            if (tail > 0) { // the tail as one more vector, in the lanes its positions fall in
                                int xt = xTail + 4 * tq * lanes;
                                micro.dotBlock(lanes, work, dTail + 4 * rq * lanes, lanes, work, xt, xt + lanes,
                                        xt + 2 * lanes, xt + 3 * lanes, work, at);
                            }
                        } else { // the last rows when M is not a multiple of 4: rare, scalar
                            dotTail(0, positions, lanes, response, d, positions, quadRows, work, tapRow, 4 * tq, taps,
                                    at);
                        }
                    }
                }
            }
            FastConv.sumLanesInOrder(work, rows, kn, tapQuads, lanes, dw, co0, k, ci0 * 9);
        });
        return dw;
    }

    /**
     * Positions [from, to) of a 4 × 4 block of dots into their lanes ({@code v mod lanes}, in index order), for the
     * rows and taps that exist: ragged blocks. The accumulators and the planes share {@code work}.
     */
    private static void dotTail(int from, int to, int lanes, float[] d, int dOff, int ldd, int rows, float[] work,
                                int[] tapRow, int t0, int taps, int accOff) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < taps; j++) {
                int at = accOff + (4 * i + j) * lanes;
                int row = dOff + i * ldd;
                int col = tapRow[t0 + j];
                for (int v = from; v < to; v++) {
                    work[at + v % lanes] += d[row + v] * work[col + v];
                }
            }
        }
    }

    /**
     * The six column-phase planes of {@code channels} image channels: {@code dst[dOff + (6c + 3a + b)·pRows·pw +
     * i·pw + j] = x[c][2i + a - pt][2j + b - pl]} for a &lt; 2, b &lt; 3, i &lt; pRows, j &lt; pw; zero outside the image.
     */
    private static void splitColumnPhases(float[] src, int base, int channels, int h, int w, int pt, int pl, int pRows,
                                          int pw, float[] dst, int dOff) {
        int ps = pRows * pw;
        // the columns j whose three image columns 2j - pl .. 2j + 2 - pl all exist: a plain loop there
        int jLo = Math.min(pw, (pl + 1) / 2);
        int jHi = Math.max(jLo, Math.min(pw, Math.floorDiv(w - 3 + pl, 2) + 1));
        for (int c = 0; c < channels; c++) {
            for (int a = 0; a < 2; a++) {
                int p0 = dOff + (6 * c + 3 * a) * ps;
                for (int i = 0; i < pRows; i++) {
                    int r = 2 * i + a - pt;
                    int e0 = p0 + i * pw;
                    int e1 = e0 + ps;
                    int e2 = e1 + ps;
                    if (r < 0 || r >= h) {
                        Arrays.fill(dst, e0, e0 + pw, 0f);
                        Arrays.fill(dst, e1, e1 + pw, 0f);
                        Arrays.fill(dst, e2, e2 + pw, 0f);
                        continue;
                    }
                    int row = base + (c * h + r) * w - pl;
                    for (int j = 0; j < jLo; j++) {
                        dst[e0 + j] = pick(src, row, 2 * j, pl, w);
                        dst[e1 + j] = pick(src, row, 2 * j + 1, pl, w);
                        dst[e2 + j] = pick(src, row, 2 * j + 2, pl, w);
                    }
                    for (int j = jLo; j < jHi; j++) {
                        float x0 = src[row + 2 * j];
                        float x1 = src[row + 2 * j + 1];
                        float x2 = src[row + 2 * j + 2];
                        dst[e0 + j] = x0;
                        dst[e1 + j] = x1;
                        dst[e2 + j] = x2;
                    }
                    for (int j = jHi; j < pw; j++) {
                        dst[e0 + j] = pick(src, row, 2 * j, pl, w);
                        dst[e1 + j] = pick(src, row, 2 * j + 1, pl, w);
                        dst[e2 + j] = pick(src, row, 2 * j + 2, pl, w);
                    }
                }
            }
        }
    }

    /** {@code x[row + offset]}, image column {@code offset - pl}, or zero outside the row. */
    private static float pick(float[] src, int row, int offset, int pl, int w) {
        int x = offset - pl;
        return x >= 0 && x < w ? src[row + offset] : 0f;
    }
}
