package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.tensor.Storage;

/**
 * The weight gradient of a 2-d 3×3 stride-1 convolution by Winograd's F(2×2, 3×3): the response is cut
 * into 2×2 tiles, each read against the 4×4 block of the image its windows cover. With
 * {@code U = A·dy·Aᵀ} (4×4 from the 2×2 response tile) and {@code V = Bᵀ·x·B} (4×4 from the image block),
 * the gradient is {@code dW = Gᵀ·(Σ_tiles U ⊙ V)·G}: per transform point one GEMM
 * {@code M_t[co][ci] = Σ_tiles U_t[co] · V_t[ci]} on the packed {@link MicroKernel} (16 points against
 * the direct sum's 36 multiply-adds per tile and channel pair), then the 3×3 output transform.
 *
 * <p>The transforms are written straight into the micro-kernel's packed layout, so nothing is packed
 * twice. The tiles of the whole batch are numbered image by image and taken in blocks of
 * {@value #TILE_BLOCK}; every block's products are added to the sums in block order, and each element of
 * M is summed by one task, so results do not depend on the thread count. The constants of F(2×2, 3×3)
 * are 0, ±1 and ½ (exact in float, the ½ moved into the response transform), so its error stays near
 * the direct sum's (docs/PERFORMANCE.md, "Conv weight gradient (wgrad5)").
 */
final class WinogradWeightGradient {
    /** Transform points: 4 × 4. */
    private static final int POINTS = 16;
    /** Tiles per reduction block: one point's packed response (MR strips × this) stays in L2. */
    static final int TILE_BLOCK = 128;
    /** Fewer channels per group than this on either side, and the transforms cost more than they save. */
    static final int MIN_CHANNELS = 16;
    /**
     * Floats added to every strip and point stride of the packed operands and sums: at powers of two the 16
     * points of a tile (written together) fell into one cache set, and the transforms ran 5-10x slower.
     */
    private static final int SKEW = 16;
    /** Image channels transformed together, tile by tile: a line of stores per point. */
    private static final int CHANNEL_GROUP = 16;

    private final MicroKernel micro;
    private final int mr;
    private final int nr;
    private final ThreadScratch scratch = new ThreadScratch();
    private final ThreadScratch tileScratch = new ThreadScratch();

    WinogradWeightGradient(MicroKernel micro) {
        this.micro = micro;
        this.mr = micro.mr();
        this.nr = micro.nr();
    }

    /** Plain 2-d 3×3 correlations with unit stride and dilation and at least {@value #MIN_CHANNELS} channels per group on both sides. */
    static boolean applies(ConvGeometry g) {
        int[] k = g.kernel();
        int[] s = g.stride();
        int[] d = g.dilation();
        return k[0] == 1 && g.image()[0] == 1 && g.response()[0] == 1 && g.padLeft()[0] == 0
                && k[1] == 3 && k[2] == 3 && s[1] == 1 && s[2] == 1 && d[1] == 1 && d[2] == 1
                && g.imageChannels() / g.groups() >= MIN_CHANNELS && g.responseChannels() / g.groups() >= MIN_CHANNELS;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** {@code dW[co][ci][u][v] = Σ_n Σ_{i,j} dy[n][co][i][j] · x[n][ci][i + u - padTop][j + v - padLeft]}. */
    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int ho = g.response()[1];
        int wo = g.response()[2];
        int tileRows = (ho + 1) / 2;
        int tileCols = (wo + 1) / 2;
        int perImage = tileRows * tileCols;
        long totalTiles = (long) g.batch() * perImage;
        int blocksOfTiles = (int) ((totalTiles + TILE_BLOCK - 1) / TILE_BLOCK);
        int mp = roundUp(m, mr);
        int rowStrips = mp / mr;
        // tasks: blocks of image channels (NR strips dealt out evenly), one per thread; every task
        // transforms the whole response again, so no more of them than the threads need
        int ciStrips = roundUp(cg, nr) / nr;
        int blocks = Math.min(ciStrips, Math.max(1, (Parallel.threads() + groups - 1) / groups));
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(groups * blocks, task -> {
            int grp = task / blocks;
            int block = task % blocks;
            int ci0 = block * ciStrips / blocks * nr;
            int cb = Math.min((block + 1) * ciStrips / blocks * nr, cg) - ci0;
            int colStrips = roundUp(cb, nr) / nr;
            int aStrip = TILE_BLOCK * mr + SKEW;
            int aPointStride = rowStrips * aStrip + SKEW;
            int bStrip = TILE_BLOCK * nr + SKEW;
            int bPointStride = colStrips * bStrip + SKEW;
            int aFloats = POINTS * aPointStride;
            int bFloats = POINTS * bPointStride;
            // sums laid out register tile by register tile (MR × NR floats each, contiguous)
            int tileFloats = mr * nr;
            int pointFloats = rowStrips * colStrips * tileFloats + SKEW;
            int bOff = aFloats;
            int cOff = aFloats + bFloats;
            float[] work = scratch.floats(cOff + POINTS * pointFloats);
            int[] tiles = tileScratch.ints(2 * TILE_BLOCK);
            for (int tb = 0; tb < blocksOfTiles; tb++) {
                long first = (long) tb * TILE_BLOCK;
                int count = (int) Math.min(TILE_BLOCK, totalTiles - first);
                for (int tt = 0; tt < count; tt++) {
                    long tile = first + tt;
                    int n = (int) (tile / perImage);
                    int within = (int) (tile % perImage);
                    tiles[2 * tt] = n;
                    tiles[2 * tt + 1] = within;
                }
                packResponse(g, response, grp, m, tileCols, tiles, count, work, 0, rowStrips, aStrip, aPointStride);
                packImage(g, image, grp * cg + ci0, cb, tileCols, tiles, count, work, bOff, colStrips, bStrip, bPointStride);
                boolean accumulate = tb > 0;
                for (int t = 0; t < POINTS; t++) {
                    int aPoint = t * aPointStride;
                    int bPoint = bOff + t * bPointStride;
                    int cPoint = cOff + t * pointFloats;
                    for (int ns = 0; ns < colStrips; ns++) {
                        int bAt = bPoint + ns * bStrip;
                        for (int ms = 0; ms < rowStrips; ms++) {
                            micro.multiply(count, work, aPoint + ms * aStrip, work, bAt, work,
                                    cPoint + (ms * colStrips + ns) * tileFloats, nr, accumulate);
                        }
                    }
                }
            }
            outputTransform(work, cOff, pointFloats, colStrips, m, cb, dw, grp * m, cg, ci0);
        });
        return dw;
    }

    /**
     * {@code U = A·dy·Aᵀ} of every response channel's tiles, into MR strips per point:
     * {@code a[aOff + t·pointStride + (co/MR)·strip + tile·MR + co%MR]}. A's rows are
     * (1, 0), (½, ½), (½, -½), (0, -1): the output transform's halves moved here, where they are exact.
     */
    private void packResponse(ConvGeometry g, float[] response, int grp, int m, int tileCols, int[] tiles, int count,
                              float[] a, int aOff, int rowStrips, int strip, int pointStride) {
        int ho = g.response()[1];
        int wo = g.response()[2];
        int plane = g.responsePlane();
        for (int co = m; co < rowStrips * mr; co++) { // rows past the last channel: never read, but kept finite
            int dst0 = aOff + co / mr * strip + co % mr;
            for (int t = 0; t < POINTS; t++) {
                for (int tt = 0; tt < count; tt++) {
                    a[dst0 + t * pointStride + tt * mr] = 0f;
                }
            }
        }
        for (int tt = 0; tt < count; tt++) {
            int n = tiles[2 * tt];
            int within = tiles[2 * tt + 1];
            int i0 = within / tileCols * 2;
            int j0 = within % tileCols * 2;
            boolean down = i0 + 1 < ho;
            boolean right = j0 + 1 < wo;
            int base0 = (n * g.responseChannels() + grp * m) * plane + i0 * wo + j0;
            for (int co = 0; co < m; co++) {
                int base = base0 + co * plane;
                float g00 = response[base];
                float g01 = right ? response[base + 1] : 0f;
                float g10 = down ? response[base + wo] : 0f;
                float g11 = down && right ? response[base + wo + 1] : 0f;
                // along the rows: h_p = A_p · (g0c, g1c)
                float h10 = 0.5f * (g00 + g10);
                float h11 = 0.5f * (g01 + g11);
                float h20 = 0.5f * (g00 - g10);
                float h21 = 0.5f * (g01 - g11);
                float h30 = -g10;
                float h31 = -g11;
                int dst = aOff + co / mr * strip + tt * mr + co % mr;
                store4(a, dst, pointStride, g00, 0.5f * (g00 + g01), 0.5f * (g00 - g01), -g01);
                store4(a, dst + 4 * pointStride, pointStride, h10, 0.5f * (h10 + h11), 0.5f * (h10 - h11), -h11);
                store4(a, dst + 8 * pointStride, pointStride, h20, 0.5f * (h20 + h21), 0.5f * (h20 - h21), -h21);
                store4(a, dst + 12 * pointStride, pointStride, h30, 0.5f * (h30 + h31), 0.5f * (h30 - h31), -h31);
            }
        }
    }

    private static void store4(float[] a, int at, int stride, float v0, float v1, float v2, float v3) {
        a[at] = v0;
        a[at + stride] = v1;
        a[at + 2 * stride] = v2;
        a[at + 3 * stride] = v3;
    }

    /**
     * {@code V = Bᵀ·x·B} of the 4×4 image blocks of image channels [c0, c0+cb), into NR strips per point:
     * {@code b[bOff + t·pointStride + (c/NR)·strip + tile·NR + c%NR]}; positions outside the image
     * (padding, or past a response of odd size) read as zero.
     */
    private void packImage(ConvGeometry g, float[] image, int c0, int cb, int tileCols, int[] tiles, int count,
                           float[] b, int bOff, int colStrips, int strip, int pointStride) {
        int h = g.image()[1];
        int w = g.image()[2];
        int padTop = g.padLeft()[1];
        int padLeft = g.padLeft()[2];
        int plane = g.imagePlane();
        for (int c = cb; c < colStrips * nr; c++) { // columns past the last channel: never read, but kept finite
            int dst0 = bOff + c / nr * strip + c % nr;
            for (int t = 0; t < POINTS; t++) {
                for (int tt = 0; tt < count; tt++) {
                    b[dst0 + t * pointStride + tt * nr] = 0f;
                }
            }
        }
        // a few channels at a time, tile by tile, the channels inner: the stores of one point fill a line of
        // its NR strip, and the channels' rows the tiles read stay in L1
        for (int cFirst = 0; cFirst < cb; cFirst += CHANNEL_GROUP) {
        int cEnd = Math.min(cb, cFirst + CHANNEL_GROUP);
        for (int tt = 0; tt < count; tt++) {
            int n = tiles[2 * tt];
            int within = tiles[2 * tt + 1];
            int y0 = within / tileCols * 2 - padTop;
            int x0 = within % tileCols * 2 - padLeft;
            boolean inside = y0 >= 0 && x0 >= 0 && y0 + 4 <= h && x0 + 4 <= w;
            int base0 = (n * g.imageChannels() + c0) * plane;
            for (int c = cFirst; c < cEnd; c++) {
                int channelBase = base0 + c * plane;
                float d00, d01, d02, d03, d10, d11, d12, d13, d20, d21, d22, d23, d30, d31, d32, d33;
                if (inside) {
                    int r0 = channelBase + y0 * w + x0;
                    int r1 = r0 + w;
                    int r2 = r1 + w;
                    int r3 = r2 + w;
                    d00 = image[r0]; d01 = image[r0 + 1]; d02 = image[r0 + 2]; d03 = image[r0 + 3];
                    d10 = image[r1]; d11 = image[r1 + 1]; d12 = image[r1 + 2]; d13 = image[r1 + 3];
                    d20 = image[r2]; d21 = image[r2 + 1]; d22 = image[r2 + 2]; d23 = image[r2 + 3];
                    d30 = image[r3]; d31 = image[r3 + 1]; d32 = image[r3 + 2]; d33 = image[r3 + 3];
                } else {
                    d00 = at(image, channelBase, h, w, y0, x0); d01 = at(image, channelBase, h, w, y0, x0 + 1);
                    d02 = at(image, channelBase, h, w, y0, x0 + 2); d03 = at(image, channelBase, h, w, y0, x0 + 3);
                    d10 = at(image, channelBase, h, w, y0 + 1, x0); d11 = at(image, channelBase, h, w, y0 + 1, x0 + 1);
                    d12 = at(image, channelBase, h, w, y0 + 1, x0 + 2); d13 = at(image, channelBase, h, w, y0 + 1, x0 + 3);
                    d20 = at(image, channelBase, h, w, y0 + 2, x0); d21 = at(image, channelBase, h, w, y0 + 2, x0 + 1);
                    d22 = at(image, channelBase, h, w, y0 + 2, x0 + 2); d23 = at(image, channelBase, h, w, y0 + 2, x0 + 3);
                    d30 = at(image, channelBase, h, w, y0 + 3, x0); d31 = at(image, channelBase, h, w, y0 + 3, x0 + 1);
                    d32 = at(image, channelBase, h, w, y0 + 3, x0 + 2); d33 = at(image, channelBase, h, w, y0 + 3, x0 + 3);
                }
                // along the columns: Bᵀ's rows (1, 0, -1, 0), (0, 1, 1, 0), (0, -1, 1, 0), (0, 1, 0, -1)
                float e00 = d00 - d20, e01 = d01 - d21, e02 = d02 - d22, e03 = d03 - d23;
                float e10 = d10 + d20, e11 = d11 + d21, e12 = d12 + d22, e13 = d13 + d23;
                float e20 = d20 - d10, e21 = d21 - d11, e22 = d22 - d12, e23 = d23 - d13;
                float e30 = d10 - d30, e31 = d11 - d31, e32 = d12 - d32, e33 = d13 - d33;
                int dst = bOff + c / nr * strip + tt * nr + c % nr;
                store4(b, dst, pointStride, e00 - e02, e01 + e02, e02 - e01, e01 - e03);
                store4(b, dst + 4 * pointStride, pointStride, e10 - e12, e11 + e12, e12 - e11, e11 - e13);
                store4(b, dst + 8 * pointStride, pointStride, e20 - e22, e21 + e22, e22 - e21, e21 - e23);
                store4(b, dst + 12 * pointStride, pointStride, e30 - e32, e31 + e32, e32 - e31, e31 - e33);
            }
        }
        }
    }

    private static float at(float[] image, int base, int h, int w, int y, int x) {
        return y >= 0 && y < h && x >= 0 && x < w ? image[base + y * w + x] : 0f;
    }

    /**
     * {@code dW = Gᵀ·M·G} per channel pair, with Gᵀ's rows (1, 1, 1, 0), (0, 1, -1, 0), (0, 1, 1, 1) (the
     * halves are in the response transform).
     */
    private void outputTransform(float[] c, int cOff, int pointFloats, int colStrips, int m, int cb, float[] dw,
                                 int coBase, int cg, int ci0) {
        float[] p = new float[POINTS];
        for (int co = 0; co < m; co++) {
            for (int ci = 0; ci < cb; ci++) {
                int at = cOff + ((co / mr) * colStrips + ci / nr) * mr * nr + (co % mr) * nr + ci % nr;
                for (int t = 0; t < POINTS; t++) {
                    p[t] = c[at + t * pointFloats];
                }
                int out = ((coBase + co) * cg + ci0 + ci) * 9;
                // along the rows of M (index q), then down its columns (index p)
                float r00 = p[0] + p[1] + p[2], r01 = p[1] - p[2], r02 = p[1] + p[2] + p[3];
                float r10 = p[4] + p[5] + p[6], r11 = p[5] - p[6], r12 = p[5] + p[6] + p[7];
                float r20 = p[8] + p[9] + p[10], r21 = p[9] - p[10], r22 = p[9] + p[10] + p[11];
                float r30 = p[12] + p[13] + p[14], r31 = p[13] - p[14], r32 = p[13] + p[14] + p[15];
                dw[out] = r00 + r10 + r20;
                dw[out + 1] = r01 + r11 + r21;
                dw[out + 2] = r02 + r12 + r22;
                dw[out + 3] = r10 - r20;
                dw[out + 4] = r11 - r21;
                dw[out + 5] = r12 - r22;
                dw[out + 6] = r10 + r20 + r30;
                dw[out + 7] = r11 + r21 + r31;
                dw[out + 8] = r12 + r22 + r32;
            }
        }
    }
}
