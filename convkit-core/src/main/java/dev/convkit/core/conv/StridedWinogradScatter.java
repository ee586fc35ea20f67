package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

/**
 * The input gradient of a 3×3 stride-2 correlation by a transposed strided Winograd (s2b22, issue 10). Per axis, the
 * image-gradient values at padded positions {@code 4t + 1 .. 4t + 4} read the response values d0..d2 at
 * {@code 2t .. 2t + 2}: {@code x0 = w1 d0}, {@code x1 = w2 d0 + w0 d1}, {@code x2 = w1 d1}, {@code x3 = w2 d1 + w0 d2}:
 * F(2, 2) on the odd positions (points {@code d0 - d1, d1, d2 - d1} against {@code w2, w0 + w2, w0}) plus the even ones
 * ({@code d0, d1} against {@code w1, w1}): five points, {@code x0 = m3}, {@code x1 = m0 + m1}, {@code x2 = m4},
 * {@code x3 = m1 + m2}. In two dimensions 25 products per 4×4 image-gradient values and channel pair instead of the
 * phase split's 36; the transforms' constants are 0 and ±1.
 *
 * <ul>
 *   <li>The weights are transformed once per call, {@code U = G w Gᵀ} in double, rounded once, into the caller's
 *       per-thread scratch, packed in the micro-kernel's MR strips of image channels, one (Cin × Cout) matrix a point.</li>
 *   <li>The 4×4 tiles of the image gradient are numbered across the batch (image, tile row, tile column) and go NR at
 *       a time, one packed micro-kernel strip, whatever rows they come from; a task takes a few strips
 *       ({@link WinogradConv#splitStrips}). Each tile's 3 × 3 response window is gathered (zero outside the response)
 *       and transformed into the packed strip, then 25 products {@code M = U · V} per strip and {@code X = Aᵀ M A}
 *       into the image gradient, values outside the image dropped.</li>
 * </ul>
 * Every image-gradient element is computed by one task, and a tile's arithmetic does not depend on its strip or task,
 * so the results do not depend on the thread count.
 * <p>Not dispatched (s2b26): the phase split ({@link PhaseSplitConv#scatter}) measured 1.0-1.27x faster than this on
 * every padded shape its cover rule took (19²-57², 48-256 channels, thread CPU at one and two threads); kept, with its
 * tests, as the transposed strided Winograd to measure against.
 */
final class StridedWinogradScatter {
    /** Transform points, channel minimum, skews, blocks and task grouping: the forward's ({@link StridedWinogradConv}). */
    static final int POINTS = StridedWinogradConv.POINTS;
    static final int MIN_CHANNELS = StridedWinogradConv.MIN_CHANNELS;
    private static final int U_SKEW = StridedWinogradConv.U_SKEW;
    private static final int POINT_SKEW = StridedWinogradConv.POINT_SKEW;
    /** Image channels per output transform block. */
    private static final int ROW_BLOCK = StridedWinogradConv.ROW_BLOCK;
    private static final int MAX_GROUP = StridedWinogradConv.MAX_GROUP;
    private static final long WEIGHT_BYTES_PER_STRIP = StridedWinogradConv.WEIGHT_BYTES_PER_STRIP;

    /** Ints per lane {@link #locate} writes. */
    private static final int LOCATE_ROWS = 6;
    /**
     * A gathered window row takes this many nr: {@link VectorOps#deinterleave2} may store a vector past a short run's
     * end (a vector of at most nr floats), which must not reach the next row.
     */
    private static final int ROW_STEP_FACTOR = 2;

    private final MicroKernel micro;
    private final VectorOps ops;
    private final int mr;
    private final int nr;
    private final ThreadScratch weights = new ThreadScratch();
    private final ThreadScratch packedScratch = new ThreadScratch();
    private final ThreadScratch productScratch = new ThreadScratch();
    /** A strip's gathered windows, then its 16 image-gradient rows. */
    private final ThreadScratch rowScratch = new ThreadScratch();
    /** A strip's per-tile response offsets and window masks, and image-gradient offsets and masks. */
    private final ThreadScratch tileScratch = new ThreadScratch();

    StridedWinogradScatter(MicroKernel micro, VectorOps ops) {
        this.micro = micro;
        this.ops = ops;
        this.mr = micro.mr();
        this.nr = micro.nr();
    }

    /** Tiles along an axis of {@code size} image values with padding {@code pad}: first tile index and count. */
    private static int firstTile(int pad) {
        return Math.floorDiv(pad - 1, 4);
    }

    private static int tileCount(int size, int pad) {
        return Math.floorDiv(size - 2 + pad, 4) - firstTile(pad) + 1;
    }

    float[] scatter(ConvGeometry g, float[] response, float[] weight) {
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int cinP = (cin + mr - 1) / mr * mr;
        int rowBlock = Math.min(cinP, ROW_BLOCK);
        int tilesY = tileCount(g.image()[1], g.padLeft()[1]);
        int tilesX = tileCount(g.image()[2], g.padLeft()[2]);
        long tiles = (long) g.batch() * tilesY * tilesX;
        int strips = checked((tiles + nr - 1) / nr);
        int lastTiles = (int) (tiles - (long) (strips - 1) * nr);
        int pointFloats = cinP * cout + U_SKEW;
        long weightBytes = 4L * POINTS * cinP * cout;
        int group = (int) Math.max(1, Math.min(MAX_GROUP, weightBytes / WEIGHT_BYTES_PER_STRIP));
        int[] split = WinogradConv.splitStrips(strips, lastTiles, nr, group, Parallel.threads(), 1);
        float[] u = weights.floats(checked((long) POINTS * pointFloats));
        transformWeights(weight, cin, cout, cinP, u);
        float[] out = Storage.floats(g.imageSize());
        int packedPoint = cout * nr + POINT_SKEW;
        int productPoint = rowBlock * nr + POINT_SKEW;
        long packedStrip = (long) POINTS * packedPoint;
        long productStrip = (long) POINTS * productPoint;
        Parallel.forEach(split.length - 1, task -> {
            int first = split[task];
            int stripsHere = split[task + 1] - first;
            float[] packed = packedScratch.floats(checked(stripsHere * packedStrip));
            float[] products = productScratch.floats(checked(stripsHere * productStrip));
            float[] rows = rowScratch.floats(16 * ROW_STEP_FACTOR * nr + 4 * nr);
            int[] at = tileScratch.ints(LOCATE_ROWS * nr * stripsHere);
            for (int s = 0; s < stripsHere; s++) {
                locate(g, (long) (first + s) * nr, tiles, tilesY, tilesX, at, LOCATE_ROWS * nr * s);
                transformInput(g, response, at, LOCATE_ROWS * nr * s, rows, packed, (int) (s * packedStrip), packedPoint);
            }
            for (int ci0 = 0; ci0 < cin; ci0 += rowBlock) {
                int rowsHere = Math.min(rowBlock, cinP - ci0);
                for (int p = 0; p < POINTS; p++) {
                    int a = p * pointFloats + ci0 * cout;
                    for (int s = 0; s < stripsHere; s++) {
                        int b = (int) (s * packedStrip) + p * packedPoint;
                        int c = (int) (s * productStrip) + p * productPoint;
                        for (int ms = 0; ms < rowsHere; ms += mr) {
                            micro.multiply(cout, u, a + ms * cout, packed, b, products, c + ms * nr, nr, false);
                        }
                    }
                }
                for (int s = 0; s < stripsHere; s++) {
                    transformOutput(g, products, (int) (s * productStrip), productPoint, at, LOCATE_ROWS * nr * s, ci0,
                            Math.min(rowBlock, cin - ci0), out, rows);
                }
            }
        });
        return out;
    }

    private static int checked(long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("strided Winograd scatter workspace of " + size + " floats exceeds an array");
        }
        return (int) size;
    }

    /**
     * U[p] = G w Gᵀ for every (ci, co), point p = 5i + k, in MR strips of image channels:
     * {@code u[p*pointFloats + ci0*cout + co*mr + j]} for image channel ci0 + j (zero rows past cin). Per axis
     * G = (w2, w0 + w2, w0, w1, w1), in double, rounded once. One task per MR strip.
     */
    private void transformWeights(float[] weight, int cin, int cout, int cinP, float[] u) {
        int pointFloats = cinP * cout + U_SKEW;
        Parallel.forEach(cinP / mr, strip -> {
            int ci0 = strip * mr;
            double[] t = new double[15];
            double[] col = new double[5];
            for (int j = 0; j < mr; j++) {
                int ci = ci0 + j;
                for (int co = 0; co < cout; co++) {
                    int dst = ci0 * cout + co * mr + j;
                    if (ci >= cin) {
                        for (int p = 0; p < POINTS; p++) {
                            u[p * pointFloats + dst] = 0f;
                        }
                        continue;
                    }
                    int src = (co * cin + ci) * 9;
                    for (int r = 0; r < 3; r++) { // G along each kernel row's three columns
                        axis(weight[src + 3 * r], weight[src + 3 * r + 1], weight[src + 3 * r + 2], t, 5 * r);
                    }
                    for (int k = 0; k < 5; k++) { // then G down each point column
                        axis(t[k], t[5 + k], t[10 + k], col, 0);
                        for (int i = 0; i < 5; i++) {
                            u[(5 * i + k) * pointFloats + dst] = (float) col[i];
                        }
                    }
                }
            }
        });
    }

    /** G applied to one axis's three taps: (w2, w0 + w2, w0, w1, w1) into {@code out[o..o + 4]}. */
    private static void axis(double w0, double w1, double w2, double[] out, int o) {
        out[o] = w2;
        out[o + 1] = w0 + w2;
        out[o + 2] = w0;
        out[o + 3] = w1;
        out[o + 4] = w1;
    }

    /**
     * For the nr tiles from {@code tile0} (none past {@code tiles}), into {@code at} from {@code o}, lane j: the response
     * offset of the window's first value (its image, channel 0) at {@code at[o + j]}, its window mask (bit 3r + c set
     * where value (r, c) lies in the response) at {@code at[o + nr + j]}, the image-gradient offset of the tile's first
     * value (channel 0) at {@code at[o + 2nr + j]} and its output mask (bit 4r + c set where value (r, c) lies in the
     * image) at {@code at[o + 3nr + j]}; at {@code at[o + 4nr + j]} and {@code at[o + 5nr + j]} the number of lanes
     * from j on whose whole windows (whole tiles) lie in the response (image) at consecutive offsets, 2 (4) apart, so
     * that they are read (written) as runs of a row. Lanes past the last tile have empty masks.
     */
    private void locate(ConvGeometry g, long tile0, long tiles, int tilesY, int tilesX, int[] at, int o) {
        int h = g.image()[1];
        int w = g.image()[2];
        int oh = g.response()[1];
        int ow = g.response()[2];
        int pt = g.padLeft()[1];
        int pl = g.padLeft()[2];
        int ty0 = firstTile(pt);
        int tx0 = firstTile(pl);
        for (int j = 0; j < nr; j++) {
            long tile = tile0 + j;
            if (tile >= tiles) {
                at[o + j] = 0;
                at[o + nr + j] = 0;
                at[o + 2 * nr + j] = 0;
                at[o + 3 * nr + j] = 0;
                continue;
            }
            int n = (int) (tile / ((long) tilesY * tilesX));
            int rest = (int) (tile - (long) n * tilesY * tilesX);
            int ty = ty0 + rest / tilesX;
            int tx = tx0 + rest % tilesX;
            int windowMask = 0;
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    int y = 2 * ty + r;
                    int x = 2 * tx + c;
                    windowMask |= y >= 0 && y < oh && x >= 0 && x < ow ? 1 << (3 * r + c) : 0;
                }
            }
            int outMask = 0;
            int y0 = 4 * ty + 1 - pt;
            int x0 = 4 * tx + 1 - pl;
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    int y = y0 + r;
                    int x = x0 + c;
                    outMask |= y >= 0 && y < h && x >= 0 && x < w ? 1 << (4 * r + c) : 0;
                }
            }
            at[o + j] = n * g.responseChannels() * oh * ow + 2 * ty * ow + 2 * tx;
            at[o + nr + j] = windowMask;
            at[o + 2 * nr + j] = n * g.imageChannels() * h * w + y0 * w + x0;
            at[o + 3 * nr + j] = outMask;
        }
        for (int j = nr - 1; j >= 0; j--) {
            at[o + 4 * nr + j] = run(at, o, nr, 0x1ff, 2, j, 0);
            at[o + 5 * nr + j] = run(at, o, nr, 0xffff, 4, j, 2 * nr);
        }
    }

    /** The run length at lane j of lanes with mask {@code full} at offsets {@code step} apart (offsets at {@code row}). */
    private static int run(int[] at, int o, int nr, int full, int step, int j, int row) {
        if (at[o + row + nr + j] != full) {
            return 0;
        }
        boolean next = j + 1 < nr && at[o + row + nr + j + 1] == full && at[o + row + j + 1] == at[o + row + j] + step;
        return next ? at[o + (row == 0 ? 4 : 5) * nr + j + 1] + 1 : 1;
    }

    /**
     * V = Bᵀ d B of a strip's tiles and every response channel into the packed strip from {@code p},
     * {@code packed[p + point*packedPoint + co*nr + lane]}: each tile's 3 × 3 window gathered into {@code rows}
     * (a run of whole windows split from its three response rows, {@link VectorOps#deinterleave2}; other tiles value
     * by value, zero outside the response), then {@link VectorOps#stridedScatterInput}.
     */
    private void transformInput(ConvGeometry g, float[] response, int[] at, int o, float[] rows, float[] packed, int p,
                                int packedPoint) {
        int ow = g.response()[2];
        int plane = g.response()[1] * ow;
        int step = ROW_STEP_FACTOR * nr;
        for (int co = 0; co < g.responseChannels(); co++) {
            int channel = co * plane;
            for (int j = 0; j < nr; ) {
                int len = at[o + 4 * nr + j];
                int base = at[o + j] + channel;
                if (len > 0) {
                    for (int r = 0; r < 3; r++) {
                        int d0 = 3 * r * step + j;
                        int row = base + r * ow;
                        ops.deinterleave2(response, row, rows, d0, rows, d0 + step, len);
                        System.arraycopy(rows, d0 + 1, rows, d0 + 2 * step, len - 1);
                        rows[d0 + 2 * step + len - 1] = response[row + 2 * len];
                    }
                    j += len;
                    continue;
                }
                int mask = at[o + nr + j];
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        int bit = 3 * r + c;
                        rows[bit * step + j] = (mask >> bit & 1) != 0 ? response[base + r * ow + c] : 0f;
                    }
                }
                j++;
            }
            ops.stridedScatterInput(rows, 0, step, nr, packed, p + co * nr, packedPoint);
        }
    }

    /**
     * X = Aᵀ M A for image channels [ci0, ci0 + count) of a strip's tiles ({@link VectorOps#stridedScatterOutput}),
     * written into the image gradient: a run of whole tiles row by row, its four columns woven by
     * {@link VectorOps#interleave2} twice; other tiles value by value, values outside the image (and lanes past the
     * last tile) dropped.
     */
    private void transformOutput(ConvGeometry g, float[] products, int m, int productPoint, int[] at, int o, int ci0,
                                 int count, float[] out, float[] rows) {
        int w = g.image()[2];
        int plane = g.image()[1] * w;
        int woven = 16 * nr; // two woven column pairs of a run, 2·len floats each
        for (int r = 0; r < count; r++) {
            ops.stridedScatterOutput(products, m + r * nr, productPoint, rows, 0, nr);
            int channel = (ci0 + r) * plane;
            for (int j = 0; j < nr; ) {
                int len = at[o + 5 * nr + j];
                int base = at[o + 2 * nr + j] + channel;
                if (len > 0) {
                    for (int y = 0; y < 4; y++) {
                        int src = 4 * y * nr + j;
                        ops.interleave2(rows, src, rows, src + 2 * nr, rows, woven, len);
                        ops.interleave2(rows, src + nr, rows, src + 3 * nr, rows, woven + 2 * nr, len);
                        ops.interleave2(rows, woven, rows, woven + 2 * nr, out, base + y * w, 2 * len);
                    }
                    j += len;
                    continue;
                }
                int mask = at[o + 3 * nr + j];
                for (int bit = 0; bit < 16; bit++) {
                    if ((mask >> bit & 1) != 0) {
                        out[base + (bit >> 2) * w + (bit & 3)] = rows[bit * nr + j];
                    }
                }
                j++;
            }
        }
    }
}
