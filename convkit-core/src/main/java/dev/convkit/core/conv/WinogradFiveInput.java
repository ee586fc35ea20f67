package dev.convkit.core.conv;

import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;

import java.util.Arrays;

/**
 * The input transform {@code V = Bᵀ d B} by image rows, without gathers (named for its first tiles, the 5×5 ones):
 * F(2×2, 5×5)'s ({@link WinogradConv.Tile#F25},
 * five11), F(3×3, 5×5)'s ({@link WinogradConv.Tile#F35}, five13) and F(4×4, 3×3)'s ({@link WinogradConv.Tile#F4},
 * wino14). A task's tiles lie in a few runs along rows of tiles; the image rows they read are copied once per channel
 * into a zero-padded block whose columns are split by phase (column mod m, the tile's stride): F(2×2)'s by one
 * {@link VectorOps#splitEvenOdd} over the block, F(3×3)'s and F(4×4)'s into three or four phases as they are copied.
 * Tile x of a run reads columns m·x .. m·x + alpha - 1, i.e. phase s mod m at x + s / m, so the transform along a row
 * is alpha contiguous vector loads for the whole run ({@link VectorOps#winogradInput},
 * {@link VectorOps#winograd35Input}); it goes into a band {@code T[a][k][tile]} with the task's tiles side by side in
 * their order, so that the pass down the alpha rows is again contiguous over each strip's lanes and writes the packed
 * strips directly. The two passes are the gathering transform's in the same order (along the row, then down), so V's
 * bits are those of {@link WinogradConv}'s per-strip transform.
 */
final class WinogradFiveInput {
    /**
     * Runs of tiles along a row are transformed in whole multiples of this (any vector width up to 16 floats), so that
     * the vector kernels take no scalar tails; the overhang is overwritten by the next run or lies past the task.
     */
    private static final int ROUND = 16;
    /** Ints per run of tiles in {@link #runScratch}: first tile of the task, tiles, first block row, first column. */
    private static final int RUN = 4;

    private final VectorOps ops;
    private final int nr;
    /** T[a][k][tile], the transform along the rows. */
    private final ThreadScratch bandScratch = new ThreadScratch();
    /** The block of zero-padded image rows, then its even and odd columns (F(2×2)); F(3×3): its three phases. */
    private final ThreadScratch blockScratch = new ThreadScratch();
    /** The task's runs of tiles along a row, then the block rows' sources in channel 0 (-1: padding). */
    private final ThreadScratch runScratch = new ThreadScratch();

    WinogradFiveInput(VectorOps ops, int nr) {
        this.ops = ops;
        this.nr = nr;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /**
     * V of {@code tile} (F25, F35 or F4) for the {@code tiles} tiles from tile number {@code firstTile} (numbered across
     * the batch, row-major in each image, {@code cols} per row of tiles) and image channels
     * {@code [channel0, channel0 + cin)}, into {@code packed[s*packedStrip + p*packedPoint + c*nr + lane]} for tile
     * {@code s*nr + lane} of the task, zero in the lanes past {@code tiles}.
     */
    void transform(WinogradConv.Tile tile, ConvGeometry g, float[] image, int channel0, int cin, long firstTile, int tiles,
                   int cols, int tilesPerImage, float[] packed, int packedStrip, int packedPoint) {
        int m = tile.m;
        int alpha = tile.alpha;
        int height = g.image()[1];
        int width = g.image()[2];
        int padTop = g.padLeft()[1];
        int padLeft = g.padLeft()[2];
        int plane = height * width;
        int strips = (tiles + nr - 1) / nr;
        int maxRuns = tiles / cols + 2;
        int[] runs = runScratch.ints(RUN * maxRuns + alpha * maxRuns);
        int sources = RUN * maxRuns;
        // the runs, and the block rows they read: a run one row of tiles below the last in the same image shares
        // alpha - m of its rows
        int count = 0;
        int blockRows = 0;
        int lastImage = -1;
        int lastTop = 0;
        for (int local = 0; local < tiles; ) {
            long number = firstTile + local;
            int n = (int) (number / tilesPerImage);
            int inImage = (int) (number - (long) n * tilesPerImage);
            int ty = inImage / cols;
            int tx = inImage - ty * cols;
            int length = Math.min(cols - tx, tiles - local);
            int top = m * ty - padTop;
            int shared = n == lastImage && top == lastTop + m ? alpha - m : 0;
            int row0 = blockRows - shared;
            for (int a = shared; a < alpha; a++) {
                int y = top + a;
                runs[sources + blockRows++] = y >= 0 && y < height ? n * g.imageChannels() * plane + y * width : -1;
            }
            runs[RUN * count] = local;
            runs[RUN * count + 1] = length;
            runs[RUN * count + 2] = row0;
            runs[RUN * count + 3] = tx;
            count++;
            local += length;
            lastImage = n;
            lastTop = top;
        }
        // block rows of m phases of `half` columns each: column x of the image is padded column padLeft + x, in phase
        // (padLeft + x) mod m at (padLeft + x) / m; every run's phase columns tx .. tx + rounded + (alpha - 1) / m lie
        // in its row or (the overhang) the next
        int half = roundUp(cols, ROUND) + 3;
        int pitch = m * half;
        int phaseFloats = blockRows * half + ROUND + 2;
        int blockFloats = m * phaseFloats;
        boolean evenOdd = tile == WinogradConv.Tile.F25;
        float[] block = blockScratch.floats(evenOdd ? 2 * blockFloats : blockFloats);
        int phases = evenOdd ? blockFloats : 0;
        Arrays.fill(block, 0, blockFloats, 0f); // the padding; the image's columns are copied per channel
        int copied = Math.max(0, Math.min(width, pitch - padLeft));
        int span = strips * nr + ROUND;      // floats per band row: the task's lanes and one run's overhang
        float[] band = bandScratch.floats(alpha * alpha * span);
        int step = alpha * packedPoint;
        int rowStep = alpha * span;
        for (int c = 0; c < cin; c++) {
            int channel = (channel0 + c) * plane;
            if (evenOdd) {
                for (int b = 0; b < blockRows; b++) {
                    int source = runs[sources + b];
                    if (source >= 0) {
                        System.arraycopy(image, source + channel, block, b * pitch + padLeft, copied);
                    }
                }
                ops.splitEvenOdd(block, 0, block, phases, block, phases + phaseFloats, blockFloats / 2);
            } else {
                splitPhases(m, image, channel, runs, sources, blockRows, block, half, phaseFloats, padLeft, copied);
            }
            for (int r = 0; r < count; r++) {
                int local = runs[RUN * r];
                int rounded = roundUp(runs[RUN * r + 1], ROUND);
                int at = phases + runs[RUN * r + 2] * half + runs[RUN * r + 3];
                for (int a = 0; a < alpha; a++) {
                    int e = at + a * half;
                    int o = e + phaseFloats;
                    int out = a * rowStep + local;
                    if (m == 2) {
                        ops.winogradInput(block, e, o, e + 1, o + 1, e + 2, o + 2, band, out, span, rounded);
                    } else if (m == 4) {
                        int t = o + phaseFloats;
                        int f = t + phaseFloats;
                        ops.winogradInput(block, e, o, t, f, e + 1, o + 1, band, out, span, rounded);
                    } else {
                        int t = o + phaseFloats;
                        ops.winograd35Input(block, e, o, t, e + 1, o + 1, t + 1, e + 2, band, out, span, rounded);
                    }
                }
            }
            // lanes past the task's tiles read as zero (the last run's overhang wrote there)
            int end = strips * nr;
            if (tiles < end) {
                for (int ak = 0; ak < alpha * alpha; ak++) {
                    Arrays.fill(band, ak * span + tiles, ak * span + end, 0f);
                }
            }
            // down the alpha rows, per strip, straight into the packed strip: point i*alpha + j at (i*alpha + j)*packedPoint
            for (int s = 0; s < strips; s++) {
                for (int j = 0; j < alpha; j++) {
                    int x = j * span + s * nr;
                    int to = s * packedStrip + j * packedPoint + c * nr;
                    if (alpha == 6) {
                        ops.winogradInput(band, x, x + rowStep, x + 2 * rowStep, x + 3 * rowStep, x + 4 * rowStep,
                                x + 5 * rowStep, packed, to, step, nr);
                    } else {
                        ops.winograd35Input(band, x, x + rowStep, x + 2 * rowStep, x + 3 * rowStep, x + 4 * rowStep,
                                x + 5 * rowStep, x + 6 * rowStep, packed, to, step, nr);
                    }
                }
            }
        }
    }

    /**
     * F(3×3)'s and F(4×4)'s block: the image rows of one channel ({@code channel} floats in) copied into m = 3 or 4
     * phases of {@code phaseFloats}, padded column p of block row b at {@code (p % m)*phaseFloats + b*half + p / m};
     * the padding stays as filled.
     */
    static void splitPhases(int m, float[] image, int channel, int[] runs, int sources, int blockRows,
                                    float[] block, int half, int phaseFloats, int padLeft, int copied) {
        // c2i51: where each column lands is worked out once, not per element: the element loops' p % m and p / m
        // (m not a constant: two integer divisions a float) were most of this copy on 14-wide planes
        int phase0 = padLeft % m;
        int lead = Math.min(copied, (m - phase0) % m); // columns before the first whole group, in one phase column
        int leadAt = phase0 * phaseFloats + padLeft / m;
        int groups = (copied - lead) / m;
        int groupAt = (padLeft + lead) / m;
        int tail = lead + groups * m; // the columns after the last whole group, phases 0, 1, ... of one phase column
        int tailAt = groupAt + groups;
        for (int b = 0; b < blockRows; b++) {
            int source = runs[sources + b];
            if (source < 0) {
                continue;
            }
            int from = source + channel;
            int row = b * half;
            for (int x = 0; x < lead; x++) {
                block[leadAt + x * phaseFloats + row] = image[from + x];
            }
            // whole groups of m padded columns, each phase's index and the image's linear in one counter (so that
            // the JIT hoists the bounds checks out of the loop)
            int at = row + groupAt;
            int from0 = from + lead;
            if (m == 4) {
                int at1 = at + phaseFloats;
                int at2 = at1 + phaseFloats;
                int at3 = at2 + phaseFloats;
                for (int i = 0; i < groups; i++) {
                    block[at + i] = image[from0 + 4 * i];
                    block[at1 + i] = image[from0 + 4 * i + 1];
                    block[at2 + i] = image[from0 + 4 * i + 2];
                    block[at3 + i] = image[from0 + 4 * i + 3];
                }
            } else {
                int at1 = at + phaseFloats;
                int at2 = at1 + phaseFloats;
                for (int i = 0; i < groups; i++) {
                    block[at + i] = image[from0 + 3 * i];
                    block[at1 + i] = image[from0 + 3 * i + 1];
                    block[at2 + i] = image[from0 + 3 * i + 2];
                }
            }
            for (int x = tail; x < copied; x++) {
                block[(x - tail) * phaseFloats + row + tailAt] = image[from + x];
            }
        }
    }
}
