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
 * twice: a row of tiles is first transformed down its columns into a small channel-minor band (the
 * transposition the packed layout needs), then along the rows in loops over the whole row of tiles that
 * C2 vectorizes. The rows of tiles of the whole batch are taken image by image in blocks of about
 * {@value #TILE_BLOCK} tiles; every block's products are added to the sums in block order, and each
 * element of M is summed by one task, so results do not depend on the thread count. The constants of F(2×2, 3×3)
 * are 0, ±1 and ½ (exact in float, the ½ moved into the response transform), so its error stays near
 * the direct sum's (docs/PERFORMANCE.md, "Conv weight gradient (wgrad5)").
 */
final class WinogradWeightGradient {
    /** Transform points: 4 × 4. */
    private static final int POINTS = 16;
    /** Tiles per reduction block, about (whole rows of tiles): one point's packed response stays in L2. */
    static final int TILE_BLOCK = 128;
    /**
     * Channels per group on both sides must be more than this: the transforms cost per tile and channel,
     * the products per tile and channel pair, and at 64 × 64 (r3x3-56) the two paths ran even, at 32 × 32
     * (g4-3x3-28) this one 2x slower (docs/PERFORMANCE.md, "Conv weight gradient (wgrad5)").
     */
    static final int BREAK_EVEN_CHANNELS = 64;
    /**
     * Floats added to every strip and point stride of the packed operands and sums: at powers of two the 16
     * points of a tile (written together) fell into one cache set, and the transforms ran 5-10x slower.
     */
    private static final int SKEW = 16;

    private final MicroKernel micro;
    private final int mr;
    private final int nr;
    private final ThreadScratch scratch = new ThreadScratch();
    /** The bands of the transforms, apart from the packed operands: C2 vectorizes copies between two arrays. */
    private final ThreadScratch bandScratch = new ThreadScratch();

    WinogradWeightGradient(MicroKernel micro) {
        this.micro = micro;
        this.mr = micro.mr();
        this.nr = micro.nr();
    }

    /** Plain 2-d 3×3 correlations with unit stride and dilation and more than {@value #BREAK_EVEN_CHANNELS} channels per group on both sides. */
    static boolean applies(ConvGeometry g) {
        int[] k = g.kernel();
        int[] s = g.stride();
        int[] d = g.dilation();
        return k[0] == 1 && g.image()[0] == 1 && g.response()[0] == 1 && g.padLeft()[0] == 0
                && k[1] == 3 && k[2] == 3 && s[1] == 1 && s[2] == 1 && d[1] == 1 && d[2] == 1
                && g.imageChannels() / g.groups() > BREAK_EVEN_CHANNELS
                && g.responseChannels() / g.groups() > BREAK_EVEN_CHANNELS;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** {@code dW[co][ci][u][v] = Σ_n Σ_{i,j} dy[n][co][i][j] · x[n][ci][i + u - padTop][j + v - padLeft]}. */
    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int tileRows = (g.response()[1] + 1) / 2;
        int tileCols = (g.response()[2] + 1) / 2;
        // reduction blocks: whole rows of tiles (of the batch's images in turn), about TILE_BLOCK tiles
        int rowsPerBlock = Math.max(1, TILE_BLOCK / tileCols);
        int maxTiles = rowsPerBlock * tileCols;
        long allRows = (long) g.batch() * tileRows;
        int reductionBlocks = (int) ((allRows + rowsPerBlock - 1) / rowsPerBlock);
        int mp = roundUp(m, mr);
        int rowStrips = mp / mr;
        // tasks: blocks of image channels (NR strips dealt out evenly), one per thread; every task
        // transforms the whole response again, so no more of them than the threads need
        int ciStrips = roundUp(cg, nr) / nr;
        int blocks = Math.min(ciStrips, Math.max(1, (Parallel.threads() + groups - 1) / groups));
        int bandWidth = 2 * tileCols + 2;
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(groups * blocks, task -> {
            int grp = task / blocks;
            int block = task % blocks;
            int ci0 = block * ciStrips / blocks * nr;
            int cb = Math.min((block + 1) * ciStrips / blocks * nr, cg) - ci0;
            int colStrips = roundUp(cb, nr) / nr;
            int aStrip = maxTiles * mr + SKEW;
            int aPointStride = rowStrips * aStrip + SKEW;
            int bStrip = maxTiles * nr + SKEW;
            int bPointStride = colStrips * bStrip + SKEW;
            // sums laid out register tile by register tile (MR × NR floats each, contiguous)
            int tileFloats = mr * nr;
            int pointFloats = rowStrips * colStrips * tileFloats + SKEW;
            int bOff = POINTS * aPointStride;
            int cOff = bOff + POINTS * bPointStride;
            float[] work = scratch.floats(cOff + POINTS * pointFloats);
            float[] band = bandScratch.floats(4 * bandWidth * Math.max(mr, nr));
            for (int rb = 0; rb < reductionBlocks; rb++) {
                long firstRow = (long) rb * rowsPerBlock;
                int rows = (int) Math.min(rowsPerBlock, allRows - firstRow);
                int count = rows * tileCols;
                for (int r = 0; r < rows; r++) {
                    int n = (int) ((firstRow + r) / tileRows);
                    int a = (int) ((firstRow + r) % tileRows);
                    int tile0 = r * tileCols;
                    for (int ms = 0; ms < rowStrips; ms++) {
                        packResponseRow(g, response, n, grp * m + ms * mr, Math.min(mr, m - ms * mr), a, tileCols,
                                band, 0, work, ms * aStrip + tile0 * mr, aPointStride);
                    }
                    for (int ns = 0; ns < colStrips; ns++) {
                        packImageRow(g, image, n, grp * cg + ci0 + ns * nr, Math.min(nr, cb - ns * nr), a, tileCols,
                                band, 0, work, bOff + ns * bStrip + tile0 * nr, bPointStride);
                    }
                }
                boolean accumulate = rb > 0;
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
     * {@code U = A·dy·Aᵀ} of one row of tiles (tile row {@code a} of image {@code n}) for MR response
     * channels from {@code co0} ({@code valid} of them real, the rest zero), into
     * {@code u[uOff + t·pointStride + tile·MR + i]}. A's rows are (1, 0), (½, ½), (½, -½), (0, -1): the
     * output transform's halves moved here, where they are exact. The two response rows are first copied
     * into a channel-minor band {@code G[row][x % 2][x / 2][i]} (even and odd columns apart), then
     * transformed in one loop over the row of tiles.
     */
    private void packResponseRow(ConvGeometry g, float[] response, int n, int co0, int valid, int a, int tileCols,
                                 float[] band, int bandOff, float[] u, int uOff, int pointStride) {
        int ho = g.response()[1];
        int wo = g.response()[2];
        int plane = g.responsePlane();
        int width = 2 * tileCols;
        int half = tileCols * mr;                   // one parity's columns of one row of the band
        int y = 2 * a;
        boolean down = y + 1 < ho;
        for (int i = 0; i < mr; i++) {
            int row0 = (n * g.responseChannels() + co0 + i) * plane + y * wo;
            for (int x = 0; x < width; x++) {
                float g0 = 0f;
                float g1 = 0f;
                if (i < valid && x < wo) {
                    g0 = response[row0 + x];
                    g1 = down ? response[row0 + wo + x] : 0f;
                }
                int at = bandOff + (x & 1) * half + (x >> 1) * mr + i;
                band[at] = g0;
                band[at + 2 * half] = g1;
            }
        }
        // with the even and odd columns apart, the whole transform is one loop over the row of tiles
        int even0 = bandOff;
        int odd0 = bandOff + half;
        int even1 = bandOff + 2 * half;
        int odd1 = bandOff + 3 * half;
        int s1 = pointStride;
        int s2 = 2 * pointStride;
        int s3 = 3 * pointStride;
        int p1 = uOff + 4 * pointStride;
        int p2 = uOff + 8 * pointStride;
        int p3 = uOff + 12 * pointStride;
        for (int k = 0; k < half; k++) {
            float g0e = band[even0 + k];
            float g0o = band[odd0 + k];
            float g1e = band[even1 + k];
            float g1o = band[odd1 + k];
            // down the columns: h_p = A_p · (g0, g1)
            float h1e = 0.5f * (g0e + g1e);
            float h1o = 0.5f * (g0o + g1o);
            float h2e = 0.5f * (g0e - g1e);
            float h2o = 0.5f * (g0o - g1o);
            u[uOff + k] = g0e;
            u[uOff + s1 + k] = 0.5f * (g0e + g0o);
            u[uOff + s2 + k] = 0.5f * (g0e - g0o);
            u[uOff + s3 + k] = -g0o;
            u[p1 + k] = h1e;
            u[p1 + s1 + k] = 0.5f * (h1e + h1o);
            u[p1 + s2 + k] = 0.5f * (h1e - h1o);
            u[p1 + s3 + k] = -h1o;
            u[p2 + k] = h2e;
            u[p2 + s1 + k] = 0.5f * (h2e + h2o);
            u[p2 + s2 + k] = 0.5f * (h2e - h2o);
            u[p2 + s3 + k] = -h2o;
            u[p3 + k] = -g1e;
            u[p3 + s1 + k] = 0.5f * (-g1e + -g1o);
            u[p3 + s2 + k] = 0.5f * (-g1e - -g1o);
            u[p3 + s3 + k] = g1o;
        }
    }

    /**
     * {@code V = Bᵀ·x·B} of the 4×4 image blocks of one row of tiles for NR image channels from {@code c0}
     * ({@code valid} of them real, the rest zero), into {@code v[vOff + t·pointStride + tile·NR + j]};
     * positions outside the image (padding, or past a response of odd size) read as zero. First down the
     * columns into a band {@code E[p][x % 2][x / 2][j]} (channel-minor, even and odd columns apart), then
     * along the rows.
     */
    private void packImageRow(ConvGeometry g, float[] image, int n, int c0, int valid, int a, int tileCols,
                              float[] band, int bandOff, float[] v, int vOff, int pointStride) {
        int h = g.image()[1];
        int w = g.image()[2];
        int padLeft = g.padLeft()[2];
        int plane = g.imagePlane();
        int width = 2 * tileCols + 2;
        int half = (tileCols + 1) * nr;             // one parity's columns of one row of the band
        int y0 = 2 * a - g.padLeft()[1];
        // the columns of the band that lie in the image: [x0, x1)
        int x0 = Math.min(width, Math.max(0, padLeft));
        int x1 = Math.max(x0, Math.min(width, w + padLeft));
        for (int j = 0; j < nr; j++) {
            int channel = (n * g.imageChannels() + c0 + j) * plane - padLeft;
            boolean in0 = j < valid && y0 >= 0 && y0 < h;
            boolean in1 = j < valid && y0 + 1 >= 0 && y0 + 1 < h;
            boolean in2 = j < valid && y0 + 2 >= 0 && y0 + 2 < h;
            boolean in3 = j < valid && y0 + 3 >= 0 && y0 + 3 < h;
            int r0 = channel + y0 * w;
            for (int x = 0; x < width; x++) {
                float d0 = 0f;
                float d1 = 0f;
                float d2 = 0f;
                float d3 = 0f;
                if (x >= x0 && x < x1) {
                    d0 = in0 ? image[r0 + x] : 0f;
                    d1 = in1 ? image[r0 + w + x] : 0f;
                    d2 = in2 ? image[r0 + 2 * w + x] : 0f;
                    d3 = in3 ? image[r0 + 3 * w + x] : 0f;
                }
                // down the columns: Bᵀ's rows (1, 0, -1, 0), (0, 1, 1, 0), (0, -1, 1, 0), (0, 1, 0, -1)
                int e = bandOff + (x & 1) * half + (x >> 1) * nr + j;
                band[e] = d0 - d2;
                band[e + 2 * half] = d1 + d2;
                band[e + 4 * half] = d2 - d1;
                band[e + 6 * half] = d1 - d3;
            }
        }
        // along the rows: tile b reads columns 2b..2b+3, i.e. even b, odd b, even b+1, odd b+1: with the
        // parities apart, each point is one loop over the whole row of tiles
        int length = tileCols * nr;
        for (int p = 0; p < 4; p++) {
            int even = bandOff + 2 * p * half;
            int odd = even + half;
            int d = vOff + 4 * p * pointStride;
            for (int k = 0; k < length; k++) {
                float e0 = band[even + k];
                float e1 = band[odd + k];
                float e2 = band[even + nr + k];
                float e3 = band[odd + nr + k];
                v[d + k] = e0 - e2;
                v[d + pointStride + k] = e1 + e2;
                v[d + 2 * pointStride + k] = e2 - e1;
                v[d + 3 * pointStride + k] = e1 - e3;
            }
        }
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
