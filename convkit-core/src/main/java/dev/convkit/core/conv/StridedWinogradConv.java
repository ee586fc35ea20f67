package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
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
 *       per-thread scratch, packed in the micro-kernel's MR strips, one (Cout × Cin) matrix per point.</li>
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
     * Fewer channels than this on either side, and the transforms cost more than the multiplications save (measured
     * in docs/PERFORMANCE.md, s2w15).
     */
    static final int MIN_CHANNELS = 16;
    /** Transform points: 5 × 5. */
    static final int POINTS = 25;
    /** Floats added to each point's matrix of U, off one cache set (as {@link WinogradConv}'s U). */
    private static final int U_SKEW = 16;
    /** Floats added to each point of a strip's packed image and products, off one cache set. */
    private static final int POINT_SKEW = 16;
    /** Response rows per output transform block: the block's 25 products stay in L2. */
    private static final int ROW_BLOCK = 64;
    /** At most this many strips per task. */
    private static final int MAX_GROUP = 4;
    /** A task takes one strip per this many bytes of transformed weights (up to {@link #MAX_GROUP}). */
    private static final long WEIGHT_BYTES_PER_STRIP = 512 << 10;

    private final MicroKernel micro;
    private final int mr;
    private final int nr;
    /** The transformed weights, in the calling thread's scratch: the tasks only read them. */
    private final ThreadScratch weights = new ThreadScratch();
    /** A task's packed V strips. */
    private final ThreadScratch packedScratch = new ThreadScratch();
    /** A task's products M. */
    private final ThreadScratch productScratch = new ThreadScratch();
    /** A tile row segment's horizontal transform (25 rows) and the output transform's rows. */
    private final ThreadScratch rowScratch = new ThreadScratch();

    StridedWinogradConv(MicroKernel micro) {
        this.micro = micro;
        this.mr = micro.mr();
        this.nr = micro.nr();
    }

    /** Plain 2-d 3×3 stride-2 correlations ({@link PhaseSplitConv#applies}) with enough channels on both sides. */
    static boolean applies(ConvGeometry g) {
        return PhaseSplitConv.applies(g) && g.imageChannels() >= MIN_CHANNELS && g.responseChannels() >= MIN_CHANNELS;
    }

    /** Floats per transform point of U: its coutP × cin, and {@link #U_SKEW}. */
    private static int pointFloats(int coutP, int cin) {
        return coutP * cin + U_SKEW;
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int oh = g.response()[1];
        int ow = g.response()[2];
        int rows = (oh + 1) / 2;
        int cols = (ow + 1) / 2;
        int tilesPerImage = rows * cols;
        long tiles = (long) g.batch() * tilesPerImage;
        int coutP = (cout + mr - 1) / mr * mr;
        int rowBlock = Math.min(coutP, ROW_BLOCK);
        int strips = (int) ((tiles + nr - 1) / nr);
        int pointFloats = pointFloats(coutP, cin);
        long uSize = (long) POINTS * pointFloats;
        if (uSize > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("strided Winograd weights of " + uSize + " floats exceed an array");
        }
        long weightBytes = 4L * POINTS * coutP * cin;
        int group = (int) Math.max(1, Math.min(MAX_GROUP, weightBytes / WEIGHT_BYTES_PER_STRIP));
        int[] split = WinogradConv.splitStrips(strips, (int) (tiles - (long) (strips - 1) * nr), nr, group,
                Parallel.threads(), 1);
        int tasks = split.length - 1;
        float[] u = weights.floats((int) uSize);
        transformWeights(weight, cin, cout, coutP, u);
        float[] out = Storage.floats(g.responseSize());
        int packedPoint = cin * nr + POINT_SKEW;
        int productPoint = rowBlock * nr + POINT_SKEW;
        long packedStrip = (long) POINTS * packedPoint;
        long productStrip = (long) POINTS * productPoint;
        Parallel.forEach(tasks, task -> {
            int first = split[task];
            int stripsHere = split[task + 1] - first;
            long firstTile = (long) first * nr;
            int count = (int) Math.min((long) stripsHere * nr, tiles - firstTile);
            float[] packed = packedScratch.floats(checked(stripsHere * packedStrip));
            float[] products = productScratch.floats(checked(stripsHere * productStrip));
            float[] scratch = rowScratch.floats(POINTS * nr);
            if (count < stripsHere * nr) { // the last strip's lanes past the tiles: zero columns of the products
                int s = count / nr;
                for (int p = 0; p < POINTS; p++) {
                    for (int c = 0; c < cin; c++) {
                        int lanes = (int) (s * packedStrip) + p * packedPoint + c * nr;
                        Arrays.fill(packed, lanes + count % nr, lanes + nr, 0f);
                    }
                }
            }
            transformInput(g, image, firstTile, count, cols, tilesPerImage, packed, (int) packedStrip, packedPoint,
                    scratch);
            for (int co0 = 0; co0 < cout; co0 += rowBlock) {
                int rowsHere = Math.min(rowBlock, coutP - co0);
                for (int p = 0; p < POINTS; p++) {
                    int a = p * pointFloats + co0 * cin;
                    for (int s = 0; s < stripsHere; s++) {
                        int b = (int) (s * packedStrip) + p * packedPoint;
                        int c = (int) (s * productStrip) + p * productPoint;
                        for (int ms = 0; ms < rowsHere; ms += mr) {
                            micro.multiply(cin, u, a + ms * cin, packed, b, products, c + ms * nr, nr, false);
                        }
                    }
                }
                transformOutput(g, products, (int) productStrip, productPoint, firstTile, count, cols, tilesPerImage,
                        co0, Math.min(rowBlock, cout - co0), out, scratch);
            }
        });
        return out;
    }

    private static int checked(long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("strided Winograd workspace of " + size + " floats exceeds an array");
        }
        return (int) size;
    }

    /**
     * U[p] = G w Gᵀ for every (co, ci), point p = 5i + k, in MR strips: {@code u[p*pointFloats + co0*cin + ci*mr + j]}
     * for response channel co0 + j (zero rows past cout). Per axis G = (w0, w0 + w2, w2, w1, w1), in double, rounded
     * once. One task per MR strip of response channels.
     */
    private void transformWeights(float[] weight, int cin, int cout, int coutP, float[] u) {
        int pointFloats = pointFloats(coutP, cin);
        Parallel.forEach(coutP / mr, strip -> {
            int co0 = strip * mr;
            for (int j = 0; j < mr; j++) {
                int co = co0 + j;
                for (int ci = 0; ci < cin; ci++) {
                    int dst = co0 * cin + ci * mr + j;
                    if (co >= cout) {
                        for (int p = 0; p < POINTS; p++) {
                            u[p * pointFloats + dst] = 0f;
                        }
                        continue;
                    }
                    int src = (co * cin + ci) * 9;
                    // per row i of G over the kernel rows (w0, w0 + w2, w2, w1, w1), G over its three columns
                    for (int i = 0; i < 5; i++) {
                        int r0 = i == 3 || i == 4 ? 3 : i == 2 ? 6 : 0; // the kernel row, or the first of a sum
                        boolean sum = i == 1;
                        double w0 = sum ? (double) weight[src] + weight[src + 6] : weight[src + r0];
                        double w1 = sum ? (double) weight[src + 1] + weight[src + 7] : weight[src + r0 + 1];
                        double w2 = sum ? (double) weight[src + 2] + weight[src + 8] : weight[src + r0 + 2];
                        int d = i * 5 * pointFloats + dst;
                        u[d] = (float) w0;
                        u[d + pointFloats] = (float) (w0 + w2);
                        u[d + 2 * pointFloats] = (float) w2;
                        u[d + 3 * pointFloats] = (float) w1;
                        u[d + 4 * pointFloats] = (float) w1;
                    }
                }
            }
        });
    }

    /**
     * V = Bᵀ d B of tiles [firstTile, firstTile + count) and every image channel, into the packed strips
     * {@code packed[s*packedStrip + p*packedPoint + c*nr + lane]}, s and lane the tile's strip and lane from firstTile.
     * Per channel and run of tiles in one tile row and one strip: the horizontal transform of the five image rows into
     * {@code h[(5a + k)*len + j]}, then the vertical one straight into the packed strip.
     */
    private void transformInput(ConvGeometry g, float[] image, long firstTile, int count, int cols, int tilesPerImage,
                                float[] packed, int packedStrip, int packedPoint, float[] h) {
        int cin = g.imageChannels();
        int height = g.image()[1];
        int width = g.image()[2];
        int plane = height * width;
        int pt = g.padLeft()[1];
        int pl = g.padLeft()[2];
        for (int done = 0; done < count; ) {
            long t = firstTile + done;
            int n = (int) (t / tilesPerImage);
            int local = (int) (t - (long) n * tilesPerImage);
            int ty = local / cols;
            int tx = local - ty * cols;
            int lane = done % nr;
            int len = Math.min(Math.min(cols - tx, nr - lane), count - done);
            int at = done / nr * packedStrip + lane;
            for (int c = 0; c < cin; c++) {
                int plane0 = (n * cin + c) * plane;
                for (int a = 0; a < 5; a++) {
                    int y = 4 * ty - pt + a;
                    int o = 5 * a * len;
                    if (y < 0 || y >= height) {
                        Arrays.fill(h, o, o + 5 * len, 0f);
                    } else {
                        horizontal(image, plane0 + y * width, width, 4 * tx - pl, len, h, o);
                    }
                }
                vertical(h, len, packed, at + c * nr, packedPoint);
            }
            done += len;
        }
    }

    /**
     * The horizontal input transform of {@code len} tiles of one image row from column x0 on (tile j reads columns
     * {@code x0 + 4j .. x0 + 4j + 4}, zero outside [0, width)): {@code h[o + k*len + j]} for the five points
     * {@code x0 - x2, x2, x4 - x2, x1, x3}.
     */
    private static void horizontal(float[] image, int row, int width, int x0, int len, float[] h, int o) {
        // the tiles whose five columns all lie inside the row: no bounds checks
        int lo = x0 >= 0 ? 0 : Math.min(len, (-x0 + 3) / 4);
        int hi = Math.max(lo, Math.min(len, x0 + 4 < width ? (width - 5 - x0) / 4 + 1 : 0));
        for (int j = 0; j < lo; j++) {
            edge(image, row, width, x0 + 4 * j, h, o + j, len);
        }
        for (int j = lo; j < hi; j++) {
            int x = row + x0 + 4 * j;
            float e = image[x + 2];
            h[o + j] = image[x] - e;
            h[o + len + j] = e;
            h[o + 2 * len + j] = image[x + 4] - e;
            h[o + 3 * len + j] = image[x + 1];
            h[o + 4 * len + j] = image[x + 3];
        }
        for (int j = hi; j < len; j++) {
            edge(image, row, width, x0 + 4 * j, h, o + j, len);
        }
    }

    /** One tile of {@link #horizontal} with its columns bounds-checked. */
    private static void edge(float[] image, int row, int width, int x, float[] h, int o, int len) {
        float v0 = x >= 0 && x < width ? image[row + x] : 0f;
        float v1 = x + 1 >= 0 && x + 1 < width ? image[row + x + 1] : 0f;
        float v2 = x + 2 >= 0 && x + 2 < width ? image[row + x + 2] : 0f;
        float v3 = x + 3 >= 0 && x + 3 < width ? image[row + x + 3] : 0f;
        float v4 = x + 4 >= 0 && x + 4 < width ? image[row + x + 4] : 0f;
        h[o] = v0 - v2;
        h[o + len] = v2;
        h[o + 2 * len] = v4 - v2;
        h[o + 3 * len] = v1;
        h[o + 4 * len] = v3;
    }

    /**
     * The vertical input transform: rows a of {@code h[(5a + k)*len + j]} combined as the points of the horizontal one,
     * point {@code 5i + k} written to {@code packed[at + (5i + k)*packedPoint + j]}.
     */
    private static void vertical(float[] h, int len, float[] packed, int at, int packedPoint) {
        for (int k = 0; k < 5; k++) {
            int r0 = k * len;
            int r1 = (5 + k) * len;
            int r2 = (10 + k) * len;
            int r3 = (15 + k) * len;
            int r4 = (20 + k) * len;
            int d0 = at + k * packedPoint;
            int d1 = d0 + 5 * packedPoint;
            int d2 = d1 + 5 * packedPoint;
            int d3 = d2 + 5 * packedPoint;
            int d4 = d3 + 5 * packedPoint;
            for (int j = 0; j < len; j++) {
                float e = h[r2 + j];
                packed[d0 + j] = h[r0 + j] - e;
                packed[d1 + j] = e;
                packed[d2 + j] = h[r4 + j] - e;
                packed[d3 + j] = h[r1 + j];
                packed[d4 + j] = h[r3 + j];
            }
        }
    }

    /**
     * Y = Aᵀ M A for response channels [co0, co0 + rows) of tiles [firstTile, firstTile + count), written into the
     * response: per axis {@code y0 = (m0 + m1) + m3}, {@code y1 = (m1 + m2) + m4}; outputs past the response (a ragged
     * last tile row or column) are dropped.
     */
    private void transformOutput(ConvGeometry g, float[] products, int productStrip, int productPoint, long firstTile,
                                 int count, int cols, int tilesPerImage, int co0, int rows, float[] out, float[] z) {
        int cout = g.responseChannels();
        int oh = g.response()[1];
        int ow = g.response()[2];
        int plane = oh * ow;
        int y = 10 * nr; // Z[i][q] at z[(2i + q)*nr], then Y[p][q] at z[y + (2p + q)*nr]
        for (int s = 0; s * nr < count; s++) {
            int lanes = Math.min(nr, count - s * nr);
            for (int r = 0; r < rows; r++) {
                int m = s * productStrip + r * nr;
                for (int i = 0; i < 5; i++) {
                    int mi = m + 5 * i * productPoint;
                    int z0 = 2 * i * nr;
                    for (int j = 0; j < nr; j++) {
                        float m1 = products[mi + productPoint + j];
                        z[z0 + j] = products[mi + j] + m1 + products[mi + 3 * productPoint + j];
                        z[z0 + nr + j] = m1 + products[mi + 2 * productPoint + j] + products[mi + 4 * productPoint + j];
                    }
                }
                for (int q = 0; q < 2; q++) {
                    int zq = q * nr;
                    for (int j = 0; j < nr; j++) {
                        float z1 = z[zq + 2 * nr + j];
                        z[y + zq + j] = z[zq + j] + z1 + z[zq + 6 * nr + j];
                        z[y + 2 * nr + zq + j] = z1 + z[zq + 4 * nr + j] + z[zq + 8 * nr + j];
                    }
                }
                int co = co0 + r;
                for (int done = 0; done < lanes; ) {
                    long t = firstTile + (long) s * nr + done;
                    int n = (int) (t / tilesPerImage);
                    int local = (int) (t - (long) n * tilesPerImage);
                    int ty = local / cols;
                    int tx = local - ty * cols;
                    int len = Math.min(cols - tx, lanes - done);
                    int base = (n * cout + co) * plane + 2 * ty * ow + 2 * tx;
                    int pairs = 2 * tx + 2 * len <= ow ? len : len - 1; // a ragged last column keeps its first output
                    for (int p = 0; p < 2 && 2 * ty + p < oh; p++) {
                        int d = base + p * ow;
                        int src = y + 2 * p * nr + done;
                        for (int j = 0; j < pairs; j++) {
                            out[d + 2 * j] = z[src + j];
                            out[d + 2 * j + 1] = z[src + nr + j];
                        }
                        if (pairs < len) {
                            out[d + 2 * pairs] = z[src + pairs];
                        }
                    }
                    done += len;
                }
            }
        }
    }
}
