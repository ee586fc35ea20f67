package dev.convkit.core.conv;

import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;

import java.util.Arrays;

/**
 * F(2×2, 5×5)'s input transform {@code V = Bᵀ d B} ({@link WinogradConv.Tile#F25}) by image rows, without gathers
 * (five11). A task's tiles lie in a few runs along rows of tiles; the image rows they read are copied once per
 * channel into a zero-padded block and split into even and odd columns by one {@link VectorOps#splitEvenOdd} over
 * the block. Tile x of a run reads columns 2x..2x+5, i.e. even x, odd x, even x+1, odd x+1, even x+2, odd x+2, so the
 * transform along a row is six contiguous vector loads for the whole run ({@link VectorOps#winogradInput}); it
 * goes into a band {@code T[a][k][tile]} with the task's tiles side by side in their order, so that the pass down
 * the six rows is again contiguous over each strip's lanes and writes the packed strips directly. The two passes
 * are the gathering transform's in the same order (along the row, then down), so V's bits are those of
 * {@link WinogradConv}'s per-strip transform.
 */
final class WinogradFiveInput {
    /** Image rows and columns per tile. */
    private static final int ALPHA = 6;
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
    /** The block of zero-padded image rows, then its even and odd columns. */
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
     * V for the {@code tiles} tiles from tile number {@code firstTile} (numbered across the batch, row-major in each
     * image, {@code cols} per row of tiles) and image channels {@code [channel0, channel0 + cin)}, into
     * {@code packed[s*packedStrip + (p*cin + c)*nr + lane]} for tile {@code s*nr + lane} of the task, zero in the
     * lanes past {@code tiles}.
     */
    void transform(ConvGeometry g, float[] image, int channel0, int cin, long firstTile, int tiles, int cols,
                   int tilesPerImage, float[] packed, int packedStrip) {
        int height = g.image()[1];
        int width = g.image()[2];
        int padTop = g.padLeft()[1];
        int padLeft = g.padLeft()[2];
        int plane = height * width;
        int strips = (tiles + nr - 1) / nr;
        int maxRuns = tiles / cols + 2;
        int[] runs = runScratch.ints(RUN * maxRuns + ALPHA * maxRuns);
        int sources = RUN * maxRuns;
        // the runs, and the block rows they read: a run one row of tiles below the last in the same image shares
        // four of its six rows
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
            int top = 2 * ty - padTop;
            int shared = n == lastImage && top == lastTop + 2 ? ALPHA - 2 : 0;
            int row0 = blockRows - shared;
            for (int a = shared; a < ALPHA; a++) {
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
        // block rows of `half` even and `half` odd columns: column x of the image at 2*half*row + padLeft + x; every
        // run's columns 2*tx .. 2*(tx + rounded) + 3 lie in its row or (the overhang) the next
        int half = roundUp(cols, ROUND) + 3;
        int pitch = 2 * half;
        int blockFloats = blockRows * pitch + 2 * ROUND + 4;
        float[] block = blockScratch.floats(2 * blockFloats);
        int even = blockFloats;
        int odd = even + blockFloats / 2;
        Arrays.fill(block, 0, blockFloats, 0f); // the padding; the image's columns are copied per channel
        int copied = Math.max(0, Math.min(width, pitch - padLeft));
        int span = strips * nr + ROUND;      // floats per band row: the task's lanes and one run's overhang
        float[] band = bandScratch.floats(ALPHA * ALPHA * span);
        int step = ALPHA * cin * nr;
        int rowStep = ALPHA * span;
        for (int c = 0; c < cin; c++) {
            int channel = (channel0 + c) * plane;
            for (int b = 0; b < blockRows; b++) {
                int source = runs[sources + b];
                if (source >= 0) {
                    System.arraycopy(image, source + channel, block, b * pitch + padLeft, copied);
                }
            }
            ops.splitEvenOdd(block, 0, block, even, block, odd, blockFloats / 2);
            for (int r = 0; r < count; r++) {
                int local = runs[RUN * r];
                int rounded = roundUp(runs[RUN * r + 1], ROUND);
                int at = runs[RUN * r + 2] * half + runs[RUN * r + 3];
                for (int a = 0; a < ALPHA; a++) {
                    int e = even + at + a * half;
                    int o = odd + at + a * half;
                    ops.winogradInput(block, e, o, e + 1, o + 1, e + 2, o + 2, band, a * rowStep + local, span, rounded);
                }
            }
            // lanes past the task's tiles read as zero (the last run's overhang wrote there)
            int end = strips * nr;
            if (tiles < end) {
                for (int ak = 0; ak < ALPHA * ALPHA; ak++) {
                    Arrays.fill(band, ak * span + tiles, ak * span + end, 0f);
                }
            }
            // down the six rows, per strip, straight into the packed strip: point i*6 + j at (i*6 + j)*cin*nr
            for (int s = 0; s < strips; s++) {
                for (int j = 0; j < ALPHA; j++) {
                    int x = j * span + s * nr;
                    ops.winogradInput(band, x, x + rowStep, x + 2 * rowStep, x + 3 * rowStep, x + 4 * rowStep,
                            x + 5 * rowStep, packed, s * packedStrip + j * cin * nr + c * nr, step, nr);
                }
            }
        }
    }
}
