package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;

/**
 * The task plan of the Winograd weight gradients ({@link WinogradWeightGradient}'s F(2×2, 3×3),
 * {@link WinogradFiveWeightGradient}'s F(5×5, 2×2) and F(5×5, 3×3)), said once (wino11). The response is cut into
 * m×m tiles (2×2, or 3×3 for F(5×5, 3×3), five14); the
 * rows of tiles of the whole batch are taken image by image in reduction blocks of about {@code tileBlock} tiles
 * (whole rows), cut into at most {@value #REDUCTION_PARTS} parts fixed by the shape; within a part every block's
 * products are added to the sums in block order, and the parts' sums are added in part order, so results do not
 * depend on the thread count. Tasks are (group, block of image channels, part); per transform point the
 * packed operands hold {@code MR} response channels (A) and {@code NR} image channels (B) a strip, and each
 * task's sums lie register tile by register tile in a slot of {@link #slotFloats} numbers. The 3×3 weight gradient
 * may swap the sides (wg59, {@link WinogradWeightGradient#swapsSides}): there, read "response" as A's channels and
 * "image" as B's throughout this class.
 *
 * <p>With the reduction in one part and several channel blocks (many channel pairs, two or more threads), every
 * channel block would transform the whole response again; there the transforms are shared instead
 * ({@link #sharedTransforms}): per reduction block all threads first transform its rows of tiles, a share of rows
 * each, into one packed operand, then every channel block multiplies its strips, in runs of transform points (par15:
 * a few tasks per thread in both passes). The same transforms and the same products in the same order: the bits do
 * not change.
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
    /** Response rows and columns per tile. */
    final int tile;
    final int mr;
    final int nr;
    final int groups;
    /** Channels per group in the A strips (the response's, unless the sides are swapped). */
    final int m;
    /** Channels per group in the B strips (the image's, unless the sides are swapped). */
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
    /** One transform pass per reduction block shared by all channel blocks, then one product pass (wino11). */
    final boolean sharedTransforms;
    final int aStrip;
    final int aPointStride;
    final int bStrip;

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

    WinogradGradientPlan(ConvGeometry g, int tile, int points, int tileBlock, int mr, int nr) {
        this(g, g.responseChannels() / g.groups(), g.imageChannels() / g.groups(), tile, points, tileBlock, mr, nr);
    }

    /**
     * The plan with the sides given: {@code aChannels} a group in the MR strips (A) and {@code bChannels} in the NR
     * strips (B). wg59: the 3×3 weight gradient puts the image channels in A and the response's in B where that pads
     * fewer strips; the products of each channel pair are the same either way round.
     */
    WinogradGradientPlan(ConvGeometry g, int aChannels, int bChannels, int tile, int points, int tileBlock, int mr, int nr) {
        this.points = points;
        this.tile = tile;
        this.mr = mr;
        this.nr = nr;
        groups = g.groups();
        m = aChannels;
        cg = bChannels;
        tileRows = (g.response()[1] + tile - 1) / tile;
        tileCols = (g.response()[2] + tile - 1) / tile;
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
        sharedTransforms = parts == 1 && blocks > 1 && groups == 1;
        aStrip = maxTiles * mr + SKEW;
        aPointStride = rowStrips * aStrip + SKEW;
        bStrip = maxTiles * nr + SKEW;
    }

    /**
     * How far the larger reduction part may run past half the rows before a weight gradient's {@code tileBlock} evens
     * the parts with {@link #evenedRows}: it does where the larger part holds more than (100 + this) / 2 % of the rows
     * (55 %). d5w58's for the 5×5 (WinogradFiveWeightGradient), wg60's for the 3×3 (WinogradWeightGradient): at 6,
     * h53-c3-11, h55-c3-12, h54-c3-9 and h56-c3-13 (53-55 %) would move too; under stop 60's load (27-38) no reading
     * told 6 from 10.
     */
    static final int PART_SLACK_PERCENT = 10;

    /**
     * wg60: rows of tiles a reduction block, {@code rows} or down to half as many, whose larger reduction part (whole
     * blocks a part, as the constructor cuts them) holds the fewest rows: {@code rows} itself where its larger part holds
     * at most (100 + {@code slackPercent}) / 2 % of the rows. At two threads each part is one thread's task, so the
     * larger one is the reduction's wall clock. A different block is a different order of the sums (other bits, within
     * the tolerance).
     */
    static int evenedRows(long allRows, int rows, int slackPercent) {
        if (allRows <= rows || 200 * largerPart(allRows, rows) <= (100 + slackPercent) * allRows) {
            return rows;
        }
        int best = rows;
        for (int r = rows - 1; r >= (rows + 1) / 2; r--) { // blocks at most halved: the sums pass through L2 a block
            if (largerPart(allRows, r) < largerPart(allRows, best)) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Rows of tiles in the largest reduction part with blocks of {@code rows} rows: part {@code p} of {@code P} takes
     * blocks {@code [p·B/P, (p+1)·B/P)}, as {@link #reduce} cuts them.
     */
    static long largerPart(long allRows, int rows) {
        long blocks = (allRows + rows - 1) / rows;
        long parts = Math.min(REDUCTION_PARTS, blocks);
        long larger = 0;
        for (long p = 0; p < parts; p++) {
            long start = p * blocks / parts * rows;
            long end = Math.min(allRows, (p + 1) * blocks / parts * rows);
            larger = Math.max(larger, end - start);
        }
        return larger;
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
            // shared transforms: the block's strips within the image operand of all the strips
            bPointStride = (sharedTransforms ? ciStrips : colStrips) * bStrip + SKEW;
            pointFloats = pointFloats(cb);
            bOff = points * aPointStride + (sharedTransforms ? ci0 / nr * bStrip : 0);
            cOff = task * slotFloats;
            rb0 = (int) ((long) part * reductionBlocks / parts);
            rb1 = (int) ((long) (part + 1) * reductionBlocks / parts);
        }

        /** Floats of the packed operands (response, then image). */
        int workFloats() {
            return points * (aPointStride + bPointStride);
        }

        /** Points [t0, t1)'s products, point by point, then column strip, then row strip. */
        void multiply(int t0, int t1, Product product) {
            for (int t = t0; t < t1; t++) {
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

    /** Rows of tiles in reduction block {@code rb}. */
    private int rowsIn(int rb) {
        return (int) Math.min(rowsPerBlock, allRows - (long) rb * rowsPerBlock);
    }

    /**
     * The whole reduction: every task's products of its reduction blocks, added to its sums in block order, on
     * operands packed into {@code scratch} by {@code transforms}; with {@link #sharedTransforms} the operands are
     * packed once per block, into the calling thread's scratch.
     */
    void reduce(ThreadScratch scratch, RowTransforms transforms, BlockProducts products) {
        if (!sharedTransforms) {
            Parallel.forEach(tasks(), index -> {
                Task task = task(index);
                float[] work = scratch.floats(task.workFloats());
                for (int rb = task.rb0; rb < task.rb1; rb++) {
                    int rows = rowsIn(rb);
                    pack(rb, 0, rows, transforms, work, task.group, task.ci0, task.cb, points * aPointStride,
                            task.bPointStride);
                    products.multiply(task, 0, points, work, rows * tileCols, rb == task.rb0);
                }
            });
            return;
        }
        Task[] tasks = new Task[tasks()];
        for (int index = 0; index < tasks.length; index++) {
            tasks[index] = task(index);
        }
        float[] work = scratch.floats(tasks[0].workFloats());
        int shares = SHARES_PER_THREAD * Parallel.threads();
        // each channel block's products cut into runs of transform points (a point's sums are one task's whatever the
        // runs): two threads had one 0.7 ms task each per block of r3x3-14, and one late start idled the other
        int pointRuns = Math.min(points, (SHARES_PER_THREAD * Parallel.threads() + tasks.length - 1) / tasks.length);
        for (int rb = 0; rb < reductionBlocks; rb++) {
            int block = rb;
            int rows = rowsIn(rb);
            int pieces = Math.min(rows, shares);
            Parallel.forEach(pieces, piece -> pack(block, piece * rows / pieces, (piece + 1) * rows / pieces, transforms,
                    work, 0, 0, cg, points * aPointStride, tasks[0].bPointStride));
            Parallel.forEach(tasks.length * pointRuns, index -> products.multiply(tasks[index / pointRuns],
                    index % pointRuns * points / pointRuns, (index % pointRuns + 1) * points / pointRuns, work,
                    rows * tileCols, block == 0));
        }
    }

    /**
     * Tasks per thread in each pass of the shared transforms (shares of a block's rows, then runs of points): the
     * threads claim them in order, so a slow one takes fewer, and a pass ends at most a small task apart.
     */
    private static final int SHARES_PER_THREAD = 4;

    /**
     * Transforms rows [r0, r1) of reduction block {@code rb} into the packed operands in {@code work}: the group's
     * response strips, then the strips of image channels [ci0, ci0 + cb) from {@code bOff}, a row at a time.
     */
    private void pack(int rb, int r0, int r1, RowTransforms transforms, float[] work, int group, int ci0, int cb,
                      int bOff, int bPointStride) {
        long firstRow = (long) rb * rowsPerBlock;
        int colStrips = roundUp(cb, nr) / nr;
        for (int r = r0; r < r1; r++) {
            int n = (int) ((firstRow + r) / tileRows);
            int a = (int) ((firstRow + r) % tileRows);
            int tile0 = r * tileCols;
            for (int ms = 0; ms < rowStrips; ms++) {
                transforms.response(n, group * m + ms * mr, Math.min(mr, m - ms * mr), a, work,
                        ms * aStrip + tile0 * mr, aPointStride);
            }
            for (int ns = 0; ns < colStrips; ns++) {
                transforms.image(n, group * cg + ci0 + ns * nr, Math.min(nr, cb - ns * nr), a, work,
                        bOff + ns * bStrip + tile0 * nr, bPointStride);
            }
        }
    }

    /**
     * Runs the output transform of every (group, channel block), in parallel, once the tasks' sums are done: each cut
     * into runs of whole MR strips of response channels, so that the threads share even a single block.
     */
    void forEachOutput(OutputBlock output) {
        int runs = Math.min(rowStrips, Math.max(1, (OUTPUT_TASKS_PER_THREAD * Parallel.threads() + groups * blocks - 1)
                / (groups * blocks)));
        Parallel.forEach(groups * blocks * runs, index -> {
            int task = index / runs;
            int run = index % runs;
            int block = task % blocks;
            int cb = channels(block);
            output.transform(task * parts * slotFloats, task / blocks * m, run * rowStrips / runs * mr,
                    Math.min(m, (run + 1) * rowStrips / runs * mr), firstChannel(block), cb, roundUp(cb, nr) / nr,
                    pointFloats(cb));
        });
    }

    /** Output-transform tasks per thread at least (where there are enough strips): a few, for the threads to even out. */
    private static final int OUTPUT_TASKS_PER_THREAD = 4;

    /**
     * A thread's transforms of one row of tiles (tile row {@code a} of image {@code n}) of {@code valid} channels from
     * {@code channel0} into the packed operand at {@code work[to]}, its points {@code pointStride} apart.
     */
    interface RowTransforms {
        void response(int n, int channel0, int valid, int a, float[] work, int to, int pointStride);

        void image(int n, int channel0, int valid, int a, float[] work, int to, int pointStride);
    }

    /**
     * One task's products of transform points [t0, t1) of a reduction block of {@code count} tiles packed in
     * {@code work}; {@code first}: the task's first block.
     */
    @FunctionalInterface
    interface BlockProducts {
        void multiply(Task task, int t0, int t1, float[] work, int count, boolean first);
    }

    /** One register tile's products: packed operands at {@code aAt} and {@code bAt} (in the work array), sums at {@code c}. */
    @FunctionalInterface
    interface Product {
        void multiply(int aAt, int bAt, int c);
    }

    /**
     * The output transform of response channels [co0, co1) (in the group, from {@code coBase}) of one (group, channel
     * block): its parts' sums from {@code sumsOff}, {@code slotFloats} apart, to the block's image channels from {@code ci0}.
     */
    @FunctionalInterface
    interface OutputBlock {
        void transform(int sumsOff, int coBase, int co0, int co1, int ci0, int cb, int colStrips, int pointFloats);
    }
}
