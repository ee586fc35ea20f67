package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

import java.util.Arrays;

/**
 * The 3×3 stride-2 correlation by a strided Winograd F(2×2, 3×3) (s2w15, issue 10). Per axis, two stride-2 outputs
 * {@code y0 = w0 x0 + w1 x1 + w2 x2} and {@code y1 = w0 x2 + w1 x3 + w2 x4} over five inputs x0..x4 are F(2, 2) on the
 * even phase (points {@code x0 - x2, x2, x4 - x2} against {@code w0, w0 + w2, w2}) plus the odd phase ({@code x1, x3}
 * against {@code w1, w1}): five points, outputs {@code y0 = m0 + m1 + m3} and {@code y1 = m1 + m2 + m4}. In two
 * dimensions 25 products per 2×2 outputs and channel pair instead of the direct 36; the transforms' constants are
 * 0 and ±1, so the input transform rounds once per point and the output transform adds nine products in a fixed order.
 *
 * <ul>
 *   <li>The weights are transformed once per call, {@code U = G w Gᵀ} in double, rounded once, into the caller's
 *       per-thread scratch, packed in the micro-kernel's MR strips, one (Cout × Cin) matrix per distinct point: G's
 *       last two rows are both (0, 1, 0), so U has 4 × 4 distinct points of its 25 ({@link #U_POINT}).</li>
 *   <li>The 2×2 tiles are numbered across the batch (row-major in each image) and go NR at a time, one packed
 *       micro-kernel strip; a task takes a few strips ({@link WinogradConv#splitStrips}). The input transform reads
 *       each tile row's five image rows once per channel, with the row's mod-4 phases (tile tx reads columns
 *       {@code 4tx - pad .. 4tx - pad + 4}) taken in place, zero outside the image, and writes V into the packed
 *       strips; then 25 products {@code M = U · V} per strip, and {@code Y = Aᵀ M A} into the response, a ragged
 *       last tile row or column dropping its outputs past the response.</li>
 * </ul>
 * Every response element is computed by one task, and a tile's arithmetic does not depend on its strip or task, so
 * the results do not depend on the thread count.
 */
final class StridedWinogradConv {
    /**
     * Fewer channels than this on either side, and the transforms cost more than the multiplications save: 32 -> 64
     * channels on 56 x 56 measured 1.2-1.5x the phase split's time, 64 -> 128 0.9-0.95x (docs/PERFORMANCE.md, s2w16).
     */
    static final int MIN_CHANNELS = 64;
    /**
     * s2f58: on a large-L2 core ({@link WinogradConv#largeL2}), at most this many images with fewer than
     * {@link #LARGE_L2_FEW_IMAGES_MIN_CHANNELS} image channels, on tile rows shorter than {@link #MAX_ROW_TILES} (on
     * AVX-512's half-strips of 16 tiles, rows of 14-15 that leave lanes empty; with 8-tile half-strips also rows of 7),
     * run the phase split: there the per-call weight transform, the products' 64-72-deep
     * sums and the empty lanes weigh most, and the phase split measured 1.01-1.20x faster; on full 16-tile rows
     * (61 × 61 images) it measured 0.92-0.95x (s2f57, s2f58; docs/PERFORMANCE.md). 1 MB L2s (Zen 5) keep the strided
     * Winograd, where it was measured.
     */
    static final int LARGE_L2_FEW_IMAGES = 1;
    /** The fewest image channels with which {@link #LARGE_L2_FEW_IMAGES} images keep the strided Winograd (s2f58). */
    static final int LARGE_L2_FEW_IMAGES_MIN_CHANNELS = 80;
    /** Tiles in a row at most: wider rows measured slower than the phase split (s2w16). */
    static final int MAX_ROW_TILES = 16;
    /** Transform points: 5 × 5. */
    static final int POINTS = 25;
    /** U's distinct points: 4 × 4, since G's rows 3 and 4 are equal (both the odd phase's w1). */
    static final int U_POINTS = 16;
    /** Point p = 5i + k's matrix of U: 4·min(i, 3) + min(k, 3). */
    static final int[] U_POINT = new int[POINTS];
    /**
     * The order the products go through the points: the points sharing a matrix of U one after another, so the second
     * and later read its block from L1 instead of streaming it from L2 again. Each product is its own sum, so the
     * order does not change the bits.
     */
    private static final int[] PRODUCT_ORDER = new int[POINTS];

    static {
        for (int p = 0; p < POINTS; p++) {
            U_POINT[p] = 4 * Math.min(p / 5, 3) + Math.min(p % 5, 3);
        }
        int next = 0;
        for (int q = 0; q < U_POINTS; q++) {
            for (int p = 0; p < POINTS; p++) {
                if (U_POINT[p] == q) {
                    PRODUCT_ORDER[next++] = p;
                }
            }
        }
    }
    /** Floats added to each point's matrix of U, off one cache set (as {@link WinogradConv}'s U). */
    static final int U_SKEW = 16;
    /** Floats added to each point of a strip's packed image and products, off one cache set. */
    static final int POINT_SKEW = 16;
    /** Response rows per output transform block: the block's 25 products stay in L2. */
    static final int ROW_BLOCK = 64;
    /** At most this many strips per task. */
    static final int MAX_GROUP = 4;
    /** A task takes one strip per this many bytes of transformed weights (up to {@link #MAX_GROUP}). */
    static final long WEIGHT_BYTES_PER_STRIP = 512 << 10;

    private final MicroKernel micro;
    private final VectorOps ops;
    private final int mr;
    private final int nr;
    /**
     * Whether a core has at least {@link WinogradConv#LARGE_L2_BYTES} of L2 (this Intel Xeon: a slow mesh L3). s2f56:
     * there a task first reads its image rows and response rows in order ({@link #readAhead}), so that the input
     * transform's and the output transform's accesses hit L2: the hardware prefetcher follows one row-order stream,
     * not the transforms' 64 channels of short runs (r3x3-s2-57's split5 was 18 % of its forward). 1 MB L2s (Zen 5)
     * keep today's passes: the task's ~1 MB of V, M and U leave no room there. s2f58: there few images of few channels
     * go to the phase split ({@link #LARGE_L2_FEW_IMAGES}).
     */
    private final boolean largeL2;
    /** The transformed weights, in the calling thread's scratch: the tasks only read them. */
    private final ThreadScratch weights = new ThreadScratch();
    /**
     * Whether tasks read their rows ahead ({@link #readAhead}): on a large L2, and s2f256 on 16-column strips (AVX2),
     * whose task's V and M are half AVX-512's: Zen 3's 512 kB L2, 1t thread CPU, load 27, two rounds: r3x3-s2
     * 1.13x, r3x3-s2-57 1.09x, h60-s2-1img-63 1.15x (bench/s2f256/ahead-1t.txt). Reads only: the same bits.
     */
    boolean readsAhead() {
        return largeL2 || nr < 32;
    }

    /** A task's packed V strips. */
    private final ThreadScratch packedScratch = new ThreadScratch();
    /** A task's products M. */
    private final ThreadScratch productScratch = new ThreadScratch();
    /** A strip's windows, one channel at a time, and a run of an image row; the output transform's four rows. */
    private final ThreadScratch rowScratch = new ThreadScratch();

    StridedWinogradConv(MicroKernel micro, VectorOps ops) {
        this(micro, ops, KernelProvider.l2CacheBytes());
    }

    /** {@code l2Bytes}: a core's L2 cache, 0 if unknown ({@link #largeL2}; tests force either). */
    StridedWinogradConv(MicroKernel micro, VectorOps ops, long l2Bytes) {
        this.largeL2 = WinogradConv.largeL2(l2Bytes);
        this.micro = micro;
        this.ops = ops;
        this.mr = micro.mr();
        this.nr = micro.nr();
    }

    /**
     * Plain 2-d 3×3 stride-2 correlations ({@link PhaseSplitConv#applies}) with at least {@link #MIN_CHANNELS} channels
     * on both sides whose tile rows, at most {@link #MAX_ROW_TILES} tiles, fill at least 7/8 of the half-strips they
     * take (nr/2 tiles each, {@link #transformInput}): 14 or 15 tiles of 16 (28 × 28, 29 × 29 responses); not 7 of 16
     * (14 × 14), which measured 1.5-2x slower than the phase split (s2w15), nor 29 tiles (2 × 64 × 113 -> 128,
     * 1.02-1.03x its time at 1 and 2 threads, s2w16; docs/PERFORMANCE.md). On a large L2, not
     * {@link #fewImages} of few channels.
     */
    boolean pays(ConvGeometry g) {
        int half = nr / 2;
        int cols = (g.response()[2] + 1) / 2;
        int chunks = (cols + half - 1) / half;
        return PhaseSplitConv.threeByThree(g) && g.imageChannels() >= MIN_CHANNELS && g.responseChannels() >= MIN_CHANNELS
                && cols <= MAX_ROW_TILES && 8L * cols >= 7L * chunks * half && !(largeL2 && fewImages(g));
    }

    /**
     * At most {@link #LARGE_L2_FEW_IMAGES} images of fewer than {@link #LARGE_L2_FEW_IMAGES_MIN_CHANNELS} channels, tile
     * rows shorter than {@link #MAX_ROW_TILES}.
     */
    static boolean fewImages(ConvGeometry g) {
        return g.batch() <= LARGE_L2_FEW_IMAGES && g.imageChannels() < LARGE_L2_FEW_IMAGES_MIN_CHANNELS
                && (g.response()[2] + 1) / 2 < MAX_ROW_TILES;
    }

    /** Floats per transform point of U: its coutP × cin, and {@link #U_SKEW}. */
    static int pointFloats(int coutP, int cin) {
        return coutP * cin + U_SKEW;
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int half = nr / 2;
        int rows = (g.response()[1] + 1) / 2;
        int chunks = (g.response()[2] + 1) / 2 / half + ((g.response()[2] + 1) / 2 % half == 0 ? 0 : 1);
        long halves = (long) g.batch() * rows * chunks;
        int coutP = (cout + mr - 1) / mr * mr;
        int rowBlock = Math.min(coutP, ROW_BLOCK);
        int strips = checked((halves + 1) / 2);
        int pointFloats = pointFloats(coutP, cin);
        long weightBytes = 4L * POINTS * coutP * cin;
        int group = (int) Math.max(1, Math.min(MAX_GROUP, weightBytes / WEIGHT_BYTES_PER_STRIP));
        int[] split = WinogradConv.splitStrips(strips, halves % 2 == 0 ? nr : half, nr, group, Parallel.threads(), 1);
        int tasks = split.length - 1;
        float[] u = weights.floats(checked((long) U_POINTS * pointFloats));
        transformWeights(weight, cin, cout, coutP, u);
        float[] out = Storage.floats(g.responseSize());
        int packedPoint = cin * nr + POINT_SKEW;
        int productPoint = rowBlock * nr + POINT_SKEW;
        long packedStrip = (long) POINTS * packedPoint;
        long productStrip = (long) POINTS * productPoint;
        Parallel.forEach(tasks, task -> {
            int first = split[task];
            int stripsHere = split[task + 1] - first;
            float[] packed = packedScratch.floats(checked(stripsHere * packedStrip));
            float[] products = productScratch.floats(checked(stripsHere * productStrip));
            float[] scratch = rowScratch.floats(POINTS * nr + 4 * half + 5);
            if (readsAhead()) {
                // kept in the scratch's last float, which nothing else writes, so that the reads stay
                scratch[POINTS * nr + 4 * half + 4] = readAhead(g, image, out, 2L * first,
                        Math.min(halves, 2L * (first + stripsHere)), chunks);
            }
            for (int s = 0; s < stripsHere; s++) {
                transformInput(g, image, 2L * (first + s), halves, chunks, scratch, packed, (int) (s * packedStrip),
                        packedPoint);
            }
            for (int co0 = 0; co0 < cout; co0 += rowBlock) {
                int rowsHere = Math.min(rowBlock, coutP - co0);
                for (int p : PRODUCT_ORDER) {
                    int a = U_POINT[p] * pointFloats + co0 * cin;
                    for (int s = 0; s < stripsHere; s++) {
                        int b = (int) (s * packedStrip) + p * packedPoint;
                        int c = (int) (s * productStrip) + p * productPoint;
                        for (int ms = 0; ms < rowsHere; ms += mr) {
                            micro.multiply(cin, u, a + ms * cin, packed, b, products, c + ms * nr, nr, false);
                        }
                    }
                }
                for (int s = 0; s < stripsHere; s++) {
                    transformOutput(g, products, (int) (s * productStrip), productPoint, 2L * (first + s), halves,
                            chunks, co0, Math.min(rowBlock, cout - co0), out, scratch);
                }
            }
        });
        return out;
    }

    /**
     * s2f56: the image rows half-strips [h0, h1) read and the response rows they write, each channel's rows one run
     * in order, summed (the sum is only kept so the reads are not dropped): whole rows, every chunk of a tile row
     * (one chunk at 32 lanes on the measured shapes; a task starting mid-row reads its row whole), an image's tile
     * rows being consecutive rows of its planes.
     */
    private float readAhead(ConvGeometry g, float[] image, float[] out, long h0, long h1, int chunks) {
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int height = g.image()[1];
        int width = g.image()[2];
        int oh = g.response()[1];
        int ow = g.response()[2];
        int tileRows = (oh + 1) / 2;
        int pt = g.padLeft()[1];
        float touched = 0f;
        long last = (h1 - 1) / chunks;
        for (long tileRow = h0 / chunks; tileRow <= last; ) {
            int n = (int) (tileRow / tileRows);
            long imageEnd = Math.min(last, (long) n * tileRows + tileRows - 1);
            int ty0 = (int) (tileRow - (long) n * tileRows);
            int ty1 = (int) (imageEnd - (long) n * tileRows);
            // tile row ty reads image rows 4ty - pt .. 4ty - pt + 4 and writes response rows 2ty, 2ty + 1
            int y0 = Math.max(0, 4 * ty0 - pt);
            int y1 = Math.min(height, 4 * ty1 - pt + 5);
            for (int c = 0; y1 > y0 && c < cin; c++) {
                touched += ops.sum(image, ((n * cin + c) * height + y0) * width, (y1 - y0) * width);
            }
            int r1 = Math.min(oh, 2 * ty1 + 2);
            for (int c = 0; c < cout; c++) {
                touched += ops.sum(out, ((n * cout + c) * oh + 2 * ty0) * ow, (r1 - 2 * ty0) * ow);
            }
            tileRow = imageEnd + 1;
        }
        return touched;
    }

    private static int checked(long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("strided Winograd workspace of " + size + " floats exceeds an array");
        }
        return (int) size;
    }

    /**
     * U[p] = G w Gᵀ for every (co, ci), point p = 5i + k, in MR strips: {@code u[U_POINT[p]*pointFloats + co0*cin +
     * ci*mr + j]} for response channel co0 + j (zero rows past cout); only the 16 distinct points are written. Per
     * axis G = (w0, w0 + w2, w2, w1, w1), in double, rounded once. One task per MR strip of response channels; the
     * strip's rows innermost (s2w51), so each point's MR floats of a channel are written side by side, its lines filled
     * in order once (a row at a time rewrote each line MR times: 12 % of a one-image forward's samples).
     */
    void transformWeights(float[] weight, int cin, int cout, int coutP, float[] u) {
        int pointFloats = pointFloats(coutP, cin);
        Parallel.forEach(coutP / mr, strip -> {
            int co0 = strip * mr;
            for (int ci = 0; ci < cin; ci++) {
                int dst0 = co0 * cin + ci * mr;
                for (int j = 0; j < mr; j++) {
                    int co = co0 + j;
                    if (co >= cout) {
                        for (int q = 0; q < U_POINTS; q++) {
                            u[q * pointFloats + dst0 + j] = 0f;
                        }
                    } else {
                        transformPair(weight, (co * cin + ci) * 9, u, dst0 + j, pointFloats);
                    }
                }
            }
        });
    }

    /**
     * One (co, ci) pair's 16 distinct points from its nine weights at {@code src} to {@code u[q*pointFloats + dst]}: per
     * row i of G over the kernel rows (w0, w0 + w2, w2, w1; the fifth row repeats the fourth), G over its three
     * columns. 24 of the 25 points are one weight or the sum of two, added in float: a float sum is the double sum
     * rounded once (double rounding is harmless for 53 >= 2·24 + 2 bits), so the same bits as the double definition
     * at a fraction of the conversions (s2f52). Only U[1][1], four weights, is summed in double.
     */
    private static void transformPair(float[] weight, int src, float[] u, int dst, int pointFloats) {
        float w0 = weight[src];
        float w1 = weight[src + 1];
        float w2 = weight[src + 2];
        float w3 = weight[src + 3];
        float w4 = weight[src + 4];
        float w5 = weight[src + 5];
        float w6 = weight[src + 6];
        float w7 = weight[src + 7];
        float w8 = weight[src + 8];
        transformRow(w0, w1, w2, w0 + w2, u, dst, pointFloats);
        transformRow(w0 + w6, w1 + w7, w2 + w8, (float) (((double) w0 + w6) + ((double) w2 + w8)), u,
                dst + 4 * pointFloats, pointFloats);
        transformRow(w6, w7, w8, w6 + w8, u, dst + 8 * pointFloats, pointFloats);
        transformRow(w3, w4, w5, w3 + w5, u, dst + 12 * pointFloats, pointFloats);
    }

    /**
     * A row (w0, w1, w2) of G w times Gᵀ: distinct points (w0, w0 + w2, w2, w1), {@code pointFloats} apart from
     * {@code d}; {@code sum02} is w0 + w2 rounded once.
     */
    private static void transformRow(float w0, float w1, float w2, float sum02, float[] u, int d, int pointFloats) {
        u[d] = w0;
        u[d + pointFloats] = sum02;
        u[d + 2 * pointFloats] = w2;
        u[d + 3 * pointFloats] = w1;
    }

    /**
     * V = Bᵀ d B of a strip's tiles and every image channel into the packed strip from {@code at},
     * {@code packed[at + p*packedPoint + c*nr + lane]}. The strip is half-strips {@code half0} and {@code half0 + 1}
     * (none past {@code halves}), lanes {@code [h·nr/2, (h + 1)·nr/2)}: each nr/2 tiles side by side in one tile row,
     * so that each window row of a half-strip is one run of the image row, split into its five columns
     * ({@link VectorOps#split5}) from a zero-bordered copy, then transformed ({@link VectorOps#stridedWinogradInput}).
     * Lanes past the tile row read zeros or image values; their products are not written out.
     */
    private void transformInput(ConvGeometry g, float[] image, long half0, long halves, int chunks, float[] scratch,
                                float[] packed, int at, int packedPoint) {
        int half = nr / 2;
        int height = g.image()[1];
        int width = g.image()[2];
        int plane = height * width;
        int rows = (g.response()[1] + 1) / 2;
        int pt = g.padLeft()[1];
        int pl = g.padLeft()[2];
        int rowAt = POINTS * nr; // the zero-bordered run of an image row, 4·half + 4 floats
        int run = 4 * half + 4;
        int cols = (g.response()[2] + 1) / 2;
        for (int c = 0; c < g.imageChannels(); c++) {
            for (int h = 0; h < 2; h++) {
                long hs = half0 + h;
                if (hs >= halves) {
                    for (int k = 0; k < POINTS; k++) {
                        Arrays.fill(scratch, k * nr + h * half, k * nr + h * half + half, 0f);
                    }
                    continue;
                }
                int chunk = (int) (hs % chunks);
                long tileRow = hs / chunks;
                int n = (int) (tileRow / rows);
                int ty = (int) (tileRow - (long) n * rows);
                int x0 = 4 * chunk * half - pl;
                int from = Math.max(0, x0);
                int to = Math.min(width, x0 + 4 * half + 4);
                int plane0 = (n * g.imageChannels() + c) * plane;
                // the run's columns this chunk's kept tiles read: 4·len + 1 (a kept tile's window, five columns)
                int reach = 4 * Math.min(half, cols - chunk * half) + 1;
                for (int a = 0; a < 5; a++) {
                    int y = 4 * ty - pt + a;
                    int o = 5 * a * nr + h * half;
                    if (y < 0 || y >= height || from >= to) {
                        for (int s = 0; s < 5; s++) {
                            Arrays.fill(scratch, o + s * nr, o + s * nr + half, 0f);
                        }
                        continue;
                    }
                    int start = plane0 + y * width + x0;
                    if (start >= 0 && start + run <= image.length) {
                        // s2b48: split in place, then the kept tiles' columns outside the row zeroed (the padding);
                        // the other lanes read the neighbouring rows' values, and their products are not written out
                        ops.split5(image, start, scratch, o, nr, half);
                        zeroColumns(scratch, o, 0, from - x0);
                        zeroColumns(scratch, o, to - x0, reach);
                        continue;
                    }
                    Arrays.fill(scratch, rowAt, rowAt + from - x0, 0f);
                    System.arraycopy(image, plane0 + y * width + from, scratch, rowAt + from - x0, to - from);
                    Arrays.fill(scratch, rowAt + to - x0, rowAt + run, 0f);
                    ops.split5(scratch, rowAt, scratch, o, nr, half);
                }
            }
            ops.stridedWinogradInput(scratch, 0, 5 * nr, nr, nr, packed, at + c * nr, packedPoint);
        }
    }

    /**
     * Zeros, in a row's five split columns ({@link VectorOps#split5}: run column u = 4j + s at {@code out[o + s·nr + j]}
     * for s &lt; 5), every place run columns [u0, u1) land: the padding of a row split in place.
     */
    private void zeroColumns(float[] out, int o, int u0, int u1) {
        int half = nr / 2;
        for (int u = u0; u < u1; u++) {
            for (int s = u & 3; s < 5 && s <= u; s += 4) {
                int j = (u - s) >> 2;
                if (j < half) {
                    out[o + s * nr + j] = 0f;
                }
            }
        }
    }

    /**
     * Y = Aᵀ M A for response channels [co0, co0 + rows) of a strip's tiles (half-strips as {@link #transformInput}'s),
     * written into the response: per axis {@code y0 = (m0 + m1) + m3}, {@code y1 = (m1 + m2) + m4}; outputs past the
     * response (a ragged last tile row or column, lanes past the tile row) are dropped.
     */
    private void transformOutput(ConvGeometry g, float[] products, int m, int productPoint, long half0, long halves,
                                 int chunks, int co0, int rows, float[] out, float[] z) {
        int half = nr / 2;
        int cout = g.responseChannels();
        int oh = g.response()[1];
        int ow = g.response()[2];
        int plane = oh * ow;
        int tileRows = (oh + 1) / 2;
        int cols = (ow + 1) / 2;
        for (int r = 0; r < rows; r++) {
            // Y[p][q] of the strip's tiles at z[(2p + q)*nr + lane]
            ops.stridedWinogradOutput(products, m + r * nr, productPoint, z, 0, nr);
            int co = co0 + r;
            for (int h = 0; h < 2 && half0 + h < halves; h++) {
                long hs = half0 + h;
                int chunk = (int) (hs % chunks);
                long tileRow = hs / chunks;
                int n = (int) (tileRow / tileRows);
                int ty = (int) (tileRow - (long) n * tileRows);
                int tx = chunk * half;
                int len = Math.min(half, cols - tx);
                int base = (n * cout + co) * plane + 2 * ty * ow + 2 * tx;
                int pairs = 2 * tx + 2 * len <= ow ? len : len - 1; // a ragged last column keeps its first output
                for (int p = 0; p < 2 && 2 * ty + p < oh; p++) {
                    int d = base + p * ow;
                    int src = 2 * p * nr + h * half;
                    ops.interleave2Short(z, src, z, src + nr, out, d, pairs);
                    if (pairs < len) {
                        out[d + 2 * pairs] = z[src + pairs];
                    }
                }
            }
        }
    }
}
