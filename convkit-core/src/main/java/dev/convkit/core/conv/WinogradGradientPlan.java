package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;

/**
 * The task plan of the Winograd weight gradients ({@link WinogradWeightGradient}'s F(2×2, 3×3),
 * {@link WinogradFiveWeightGradient}'s F(5×5, 2×2)), said once (wino11). The response is cut into 2×2 tiles; the
 * rows of tiles of the whole batch are taken image by image in reduction blocks of about {@code tileBlock} tiles
 * (whole rows), cut into at most {@value #REDUCTION_PARTS} parts fixed by the shape; within a part every block's
 * products are added to the sums in block order, and the parts' sums are added in part order, so results do not
 * depend on the thread count. Tasks are (group, block of image channels, part); per transform point the
 * packed operands hold {@code MR} response channels (A) and {@code NR} image channels (B) a strip, and each
 * task's sums lie register tile by register tile in a slot of {@link #slotFloats} numbers.
 */
final class WinogradGradientPlan {
    /**
     * Parts the reduction is cut into, whatever the thread count (fewer when there are fewer reduction blocks):
     * two threads then share the transforms instead of both transforming the whole response.
     */
    static final int REDUCTION_PARTS = 2;
    /**
     * Channel pairs per group up to which the reduction is cut into parts: beyond, the products outweigh the
     * transforms, and a second set of sums (a point's worth of numbers a pair) cost more than it saved
     * (r3x3-14, 256 × 256).
     */
    static final int MAX_PARTED_PAIRS = 128 * 128;
    /**
     * Floats added to every strip and point stride of the packed operands and sums: at powers of two the
     * points of a tile (written together) fell into one cache set, and the transforms ran 5-10x slower.
     */
    static final int SKEW = 16;

    final int points;
    final int mr;
    final int nr;
    final int groups;
    /** Response channels per group. */
    final int m;
    /** Image channels per group. */
    final int cg;
    final int tileRows;
    final int tileCols;
    final int rowsPerBlock;
    final int maxTiles;
    final long allRows;
    final int reductionBlocks;
    final int rowStrips;
    final int parts;
    final int ciStrips;
    final int blocks;
    final int tileFloats;
    /** One task's sums: every point's register tiles, as many column strips as the widest channel block. */
    final int slotFloats;

    /** Plain 2-d {@code size}×{@code size} correlations with unit stride and dilation and at least {@code minChannels} channels per group on both sides. */
    static boolean applies(ConvGeometry g, int size, int minChannels) {
        int[] k = g.kernel();
        int[] s = g.stride();
        int[] d = g.dilation();
        return k[0] == 1 && g.image()[0] == 1 && g.response()[0] == 1 && g.padLeft()[0] == 0
                && k[1] == size && k[2] == size && s[1] == 1 && s[2] == 1 && d[1] == 1 && d[2] == 1
                && g.imageChannels() / g.groups() >= minChannels
                && g.responseChannels() / g.groups() >= minChannels;
    }

    WinogradGradientPlan(ConvGeometry g, int points, int tileBlock, int mr, int nr) {
        this.points = points;
        this.mr = mr;
        this.nr = nr;
        groups = g.groups();
        m = g.responseChannels() / groups;
        cg = g.imageChannels() / groups;
        tileRows = (g.response()[1] + 1) / 2;
        tileCols = (g.response()[2] + 1) / 2;
        rowsPerBlock = Math.max(1, tileBlock / tileCols);
        maxTiles = rowsPerBlock * tileCols;
        allRows = (long) g.batch() * tileRows;
        reductionBlocks = (int) ((allRows + rowsPerBlock - 1) / rowsPerBlock);
        rowStrips = roundUp(m, mr) / mr;
        // the reduction in a fixed number of parts (set by the shape, never by the thread count), then blocks of
        // image channels (NR strips dealt out evenly) while threads are left; a channel block transforms the
        // whole response again, a reduction part transforms nothing twice
        parts = (long) m * cg <= MAX_PARTED_PAIRS ? Math.min(REDUCTION_PARTS, reductionBlocks) : 1;
        ciStrips = roundUp(cg, nr) / nr;
        blocks = Math.min(ciStrips, Math.max(1, (Parallel.threads() + groups * parts - 1) / (groups * parts)));
        tileFloats = mr * nr;
        int maxColStrips = (ciStrips + blocks - 1) / blocks;
        slotFloats = points * (rowStrips * maxColStrips * tileFloats + SKEW);
    }

    static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** Tasks: groups × channel blocks × reduction parts. */
    int tasks() {
        return groups * blocks * parts;
    }

    /** All tasks' sums. */
    int sumFloats() {
        return tasks() * slotFloats;
    }

    /** First image channel (in the group) of channel block {@code block}. */
    private int firstChannel(int block) {
        return block * ciStrips / blocks * nr;
    }

    /** Image channels of channel block {@code block}. */
    private int channels(int block) {
        return Math.min((block + 1) * ciStrips / blocks * nr, cg) - firstChannel(block);
    }

    /** The layout of one point's sums of a block of {@code cb} image channels. */
    private int pointFloats(int cb) {
        return rowStrips * (roundUp(cb, nr) / nr) * tileFloats + SKEW;
    }

    Task task(int task) {
        return new Task(task);
    }

    /** One task's share: its group, channel block, reduction blocks, and the layout of its packed operands and sums. */
    final class Task {
        final int group;
        /** First image channel in the group, and how many. */
        final int ci0;
        final int cb;
        final int colStrips;
        final int aStrip;
        final int aPointStride;
        final int bStrip;
        final int bPointStride;
        final int pointFloats;
        /** Where the packed image operand starts in the work array (the response's from 0). */
        final int bOff;
        /** Where the task's sums start. */
        final int cOff;
        /** The task's reduction blocks: [rb0, rb1). */
        final int rb0;
        final int rb1;

        private Task(int task) {
            group = task / (blocks * parts);
            int block = task / parts % blocks;
            int part = task % parts;
            ci0 = firstChannel(block);
            cb = channels(block);
            colStrips = roundUp(cb, nr) / nr;
            aStrip = maxTiles * mr + SKEW;
            aPointStride = rowStrips * aStrip + SKEW;
            bStrip = maxTiles * nr + SKEW;
            bPointStride = colStrips * bStrip + SKEW;
            pointFloats = pointFloats(cb);
            bOff = points * aPointStride;
            cOff = task * slotFloats;
            rb0 = (int) ((long) part * reductionBlocks / parts);
            rb1 = (int) ((long) (part + 1) * reductionBlocks / parts);
        }

        /** Floats of the packed operands (response, then image). */
        int workFloats() {
            return bOff + points * bPointStride;
        }

        /**
         * Transforms reduction block {@code rb}'s rows of tiles into the packed operands, response strips then image
         * strips a row; returns its tiles.
         */
        int pack(int rb, RowTransform response, RowTransform image) {
            long firstRow = (long) rb * rowsPerBlock;
            int rows = (int) Math.min(rowsPerBlock, allRows - firstRow);
            for (int r = 0; r < rows; r++) {
                int n = (int) ((firstRow + r) / tileRows);
                int a = (int) ((firstRow + r) % tileRows);
                int tile0 = r * tileCols;
                for (int ms = 0; ms < rowStrips; ms++) {
                    response.pack(n, group * m + ms * mr, Math.min(mr, m - ms * mr), a,
                            ms * aStrip + tile0 * mr, aPointStride);
                }
                for (int ns = 0; ns < colStrips; ns++) {
                    image.pack(n, group * cg + ci0 + ns * nr, Math.min(nr, cb - ns * nr), a,
                            bOff + ns * bStrip + tile0 * nr, bPointStride);
                }
            }
            return rows * tileCols;
        }

        /** Every point's products, point by point, then column strip, then row strip. */
        void multiply(Product product) {
            for (int t = 0; t < points; t++) {
                int aPoint = t * aPointStride;
                int bPoint = bOff + t * bPointStride;
                int cPoint = cOff + t * pointFloats;
                for (int ns = 0; ns < colStrips; ns++) {
                    int bAt = bPoint + ns * bStrip;
                    for (int ms = 0; ms < rowStrips; ms++) {
                        product.multiply(aPoint + ms * aStrip, bAt, cPoint + (ms * colStrips + ns) * tileFloats);
                    }
                }
            }
        }
    }

    /** Runs the output transform of every (group, channel block), in parallel, once the tasks' sums are done. */
    void forEachOutput(OutputBlock output) {
        Parallel.forEach(groups * blocks, task -> {
            int block = task % blocks;
            int cb = channels(block);
            output.transform(task * parts * slotFloats, task / blocks * m, firstChannel(block), cb,
                    roundUp(cb, nr) / nr, pointFloats(cb));
        });
    }

    /** Transforms one row of tiles of {@code valid} channels from {@code channel0} into the packed operand at {@code to}. */
    @FunctionalInterface
    interface RowTransform {
        void pack(int n, int channel0, int valid, int a, int to, int pointStride);
    }

    /** One register tile's products: packed operands at {@code aAt} and {@code bAt} (in the work array), sums at {@code c}. */
    @FunctionalInterface
    interface Product {
        void multiply(int aAt, int bAt, int c);
    }

    /**
     * The output transform of one (group, channel block): its parts' sums from {@code sumsOff}, {@code slotFloats}
     * apart, to the response channels from {@code coBase} and the block's image channels from {@code ci0}.
     */
    @FunctionalInterface
    interface OutputBlock {
        void transform(int sumsOff, int coBase, int ci0, int cb, int colStrips, int pointFloats);
    }
}
