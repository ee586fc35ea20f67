package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

/**
 * The weight gradient of a 2-d 5×5 stride-1 convolution by Winograd's F(5×5, 2×2) (small10): the transpose of the
 * forward's F(2×2, 5×5) on the same points 0, ±1, ±2, ∞. The response is cut into 2×2 tiles, each read against
 * the 6×6 image block its windows cover; with {@code U = A·dy·Aᵀ} (6×6 from the 2×2 tile, A the transpose of
 * F(2, 5)'s output transform, rows (1, 0), (1, 1), (1, −1), (1, 2), (1, −2), (0, 1), exact in float) and
 * {@code V = Bᵀ·x·B} (F(4, 3)'s input transform, {@link VectorOps#winogradInput}), the gradient is
 * {@code dW = Gᵀ·(Σ_tiles U ⊙ V)·G} with G F(2, 5)'s filter transform: per transform point one GEMM on the
 * packed {@link MicroKernel} (36 points against the direct sum's 100 multiply-adds per tile and channel
 * pair), then the 5×5 output transform in double, rounded once.
 *
 * <p>The layout, the reduction blocks and parts and the order of the sums are those of
 * {@link WinogradGradientPlan} (results do not depend on the thread count); the image rows of a row of
 * tiles are copied zero-padded into a band and transformed down their columns by vector rows, then the
 * transposition into the channel-minor layout, then along the rows by vector loops over the whole row of tiles.
 *
 * <p>{@link WinogradFive3WeightGradient} (five14) runs the same reduction and output transform on 3×3 tiles with its
 * own transforms; {@link #tile} says which of the two a geometry takes.
 */
class WinogradFiveWeightGradient extends WinogradGradientKernels {
    /** Tiles per reduction block, about (whole rows of tiles): a block's 36 packed points stay in L2. */
    static final int TILE_BLOCK = 64;
    /**
     * Channels per group on both sides must be at least this (the transforms cost per tile and channel, the
     * products per tile and channel pair): at 16 it lost to the GEMM (N4 16 -> 32 on 14 × 14, 0.45 against
     * 0.53-0.72 ms), at 32 it won (N8 32 -> 32 on 7 × 7, 0.48-0.55 against 0.42); docs/PERFORMANCE.md "(small10)".
     * At 24 (grp23, Zen 4, against the dot products along the positions) it wins as well: g4-5x5-19-96 (24 a group)
     * 4.30-4.44 against 4.98-5.12 ms, dense 24 on 19 × 19 0.95-1.04 against 1.30-1.34; at 16 it still loses
     * (g4-5x5-21 2.87-3.12 against 2.59-2.62).
     */
    static final int MIN_CHANNELS = 24;
    /**
     * Tiles per product chain: each chain's float sums are added to double sums. F(5×5, 2×2)'s output transform
     * cancels sums far larger than the gradient, so their float rounding, not the transforms', sets the error
     * (WinogradFiveWeightGradientTest: 0.5-0.86 of the conformance tolerance with whole-block chains of 64 tiles
     * summed in float, 3.8 on 12 544 tiles; with double sums up to 0.98 at chains of 64, 0.54 at 32, 0.40 at 16).
     */
    static final int CHAIN = 16;
    /** Response rows and columns per tile: 2, or 3 for {@link WinogradFive3WeightGradient}. */
    final int tile;
    /** Transform points: (tile + 4)². */
    final int points;
    /** Tiles per product chain. */
    private final int chain;
    /** A chain's float sums, before they are added to the double sums. */
    private final ThreadScratch chainScratch = new ThreadScratch();
    /** The output transform's work doubles in lanes ({@link VectorOps#fiveGradientOutput}). */
    private final ThreadScratch outputWork = new ThreadScratch();
    /**
     * Channel pairs the output transform takes at once in double vector lanes (d5w58; the same double operations
     * per lane, so the scalar transform's bits), 0 for the scalar transform alone; tests set 0 to compare the two.
     */
    int outputLanes;
    /**
     * d5w58's kernels (the output transform in lanes, the half-strip and first-chain products) from JDK 18 only: on JDK 17
     * they boxed (c5x5-15-48's weight gradient 20 MB a call against main's 3.5 MB; main's multiplyAddToDoubles boxes
     * there too, box28), so JDK 17 runs main's products and scalar transform (same bits either way).
     */
    static final boolean LANE_KERNELS = Runtime.version().feature() >= 18;

    WinogradFiveWeightGradient(MicroKernel micro, VectorOps ops) {
        this(micro, ops, 2, CHAIN);
    }

    /** A 5×5 weight gradient on {@code tile}×{@code tile} response tiles, chains of {@code chain} tiles (the subclass's transforms). */
    WinogradFiveWeightGradient(MicroKernel micro, VectorOps ops, int tile, int chain) {
        super(micro, ops);
        this.tile = tile;
        this.points = (tile + 4) * (tile + 4);
        this.chain = chain;
        int lanes = ops.fiveGradientOutputLanes();
        this.outputLanes = LANE_KERNELS && lanes > 0 && nr % lanes == 0 ? lanes : 0; // a run of lanes stays within one strip
    }

    /** Plain 2-d 5×5 correlations with unit stride and dilation and at least {@value #MIN_CHANNELS} channels per group on both sides. */
    static boolean applies(ConvGeometry g) {
        return WinogradGradientPlan.applies(g, 5, MIN_CHANNELS);
    }

    /**
     * The tile a 5×5 weight gradient runs: 3 ({@link WinogradFive3WeightGradient}, F(5×5, 3×3)) where its tiles ×
     * 49 points are fewer than 2×2 tiles × 36 points (the products, transforms and double sums all scale with them),
     * else 2 (F(5×5, 2×2)): 27 × 27 takes 3 (81 tiles an image against 196), 4 × 4 takes 2 (4 tiles either way).
     */
    static int tile(ConvGeometry g) {
        return tileCost(g, 3) < tileCost(g, 2) ? 3 : 2;
    }

    /**
     * Tiles per reduction block: about {@value #TILE_BLOCK} (whole rows of tiles), but where those blocks would leave
     * the larger reduction part more than (100 + {@link WinogradGradientPlan#PART_SLACK_PERCENT}) / 2 % of the rows (the
     * two threads' tasks at two threads: h56-5x5-15's 40 rows of 5 tiles in blocks of 12, 12, 12, 4 split 24 / 16), the
     * rows that even them ({@link WinogradGradientPlan#evenedRows}: there 10, 10, 10, 10: 20 / 20; 30 rows from blocks
     * of 12 take 8, 8, 8, 6: 16 / 14). A different block gives a different order of the sums (bits within the
     * tolerance).
     */
    int tileBlock(ConvGeometry g) {
        long allRows = g.batch() * (long) ((g.response()[1] + tile - 1) / tile);
        int tileCols = (g.response()[2] + tile - 1) / tile;
        int rows = Math.max(1, TILE_BLOCK / tileCols);
        long pairs = (long) (g.responseChannels() / g.groups()) * (g.imageChannels() / g.groups());
        if (pairs > WinogradGradientPlan.MAX_PARTED_PAIRS) {
            return TILE_BLOCK;
        }
        int even = WinogradGradientPlan.evenedRows(allRows, rows, WinogradGradientPlan.PART_SLACK_PERCENT);
        return even == rows ? TILE_BLOCK : even * tileCols;
    }

    /** Transform points per channel pair of a call with {@code tile}×{@code tile} tiles. */
    private static long tileCost(ConvGeometry g, int tile) {
        long rows = (g.response()[1] + tile - 1) / tile;
        long cols = (g.response()[2] + tile - 1) / tile;
        return g.batch() * rows * cols * (tile + 4) * (tile + 4);
    }

    /** {@code dW[co][ci][u][v] = Σ_n Σ_{i,j} dy[n][co][i][j] · x[n][ci][i + u - padTop][j + v - padLeft]}. */
    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        WinogradGradientPlan plan = new WinogradGradientPlan(g, tile, points, tileBlock(g), mr, nr);
        int tileCols = plan.tileCols;
        int tileFloats = plan.tileFloats;
        double[] sums = sumScratch.doubles(plan.sumFloats());
        if (!LANE_KERNELS) {
            java.util.Arrays.fill(sums, 0, plan.sumFloats(), 0.0);
        }
        plan.reduce(scratch, rowTransforms(g, image, response, tileCols, bandFloats(tileCols)), (task, t0, t1, work, count, first) -> {
            float[] chainSums = chainScratch.floats(tileFloats);
            int chains = (count + chain - 1) / chain; // of equal length
            // a last strip of image channels ending at most half a strip in multiplies only its first half (d5w58)
            boolean halfLast = LANE_KERNELS && task.cb - (task.colStrips - 1) * nr <= nr / 2;
            task.multiply(t0, t1, (aAt, bAt, c) -> {
                boolean half = halfLast && (c - task.cOff) % task.pointFloats / tileFloats % task.colStrips
                        == task.colStrips - 1;
                int ch = 0;
                if (first && LANE_KERNELS) { // each sum's first chain stored, not added to a zero fill (d5w58)
                    if (half) {
                        micro.multiplyStoreToDoublesHalf(count / chains, work, aAt, work, bAt, chainSums, sums, c);
                    } else {
                        micro.multiplyStoreToDoubles(count / chains, work, aAt, work, bAt, chainSums, sums, c);
                    }
                    ch = 1;
                }
                for (; ch < chains; ch++) {
                    int k = ch * count / chains;
                    if (half) {
                        micro.multiplyAddToDoublesHalf((ch + 1) * count / chains - k, work, aAt + k * mr, work,
                                bAt + k * nr, chainSums, sums, c);
                    } else {
                        micro.multiplyAddToDoubles((ch + 1) * count / chains - k, work, aAt + k * mr, work,
                                bAt + k * nr, chainSums, sums, c);
                    }
                }
            });
        });
        float[] dw = Storage.floats(g.weightSize()); // every weight is written by one output transform
        plan.forEachOutput((sumsOff, coBase, co0, co1, ci0, cb, colStrips, pointFloats) -> outputTransform(sums, sumsOff,
                plan.slotFloats, plan.parts, pointFloats, colStrips, co0, co1, cb, dw, coBase, plan.cg, ci0));
        return dw;
    }

    /** Floats of a thread's band for one row of {@code tileCols} tiles: the image band (12 half rows of nr channels), then 6 padded rows and 6 transformed rows. */
    int bandFloats(int tileCols) {
        return 12 * (tileCols + 2) * Math.max(mr, nr) + 12 * (2 * tileCols + 4);
    }

    /**
     * {@code U = A·dy·Aᵀ} of one row of tiles (tile row {@code a} of image {@code n}) for MR response channels from
     * {@code co0} ({@code valid} of them real, the rest zero), into {@code u[uOff + t·pointStride + tile·MR + i]}:
     * the two response rows copied into a channel-minor band {@code G[row][x % 2][x / 2][i]}, then one loop over
     * the row of tiles ({@link VectorOps#winograd52GradientTile}).
     */
    @Override
    void packResponseRow(ConvGeometry g, float[] response, int n, int co0, int valid, int a, int tileCols,
                         float[] band, float[] u, int uOff, int pointStride) {
        int ho = g.response()[1];
        int wo = g.response()[2];
        int plane = g.responsePlane();
        int half = tileCols * mr;
        int y = 2 * a;
        boolean down = y + 1 < ho;
        int pairs = wo / 2;                         // whole column pairs; an odd width leaves one even column
        for (int i = 0; i < mr; i++) {
            if (i >= valid) {
                for (int b = 0; b < tileCols; b++) {
                    int at = b * mr + i;
                    band[at] = 0f;
                    band[at + half] = 0f;
                    band[at + 2 * half] = 0f;
                    band[at + 3 * half] = 0f;
                }
                continue;
            }
            int row0 = (n * g.responseChannels() + co0 + i) * plane + y * wo;
            evenOdd(response, row0, pairs, wo, band, i, half);
            if (down) {
                evenOdd(response, row0 + wo, pairs, wo, band, 2 * half + i, half);
            } else {
                for (int b = 0; b < tileCols; b++) {
                    band[2 * half + b * mr + i] = 0f;
                    band[3 * half + b * mr + i] = 0f;
                }
            }
        }
        ops.winograd52GradientTile(band, 0, half, 2 * half, 3 * half, u, uOff, pointStride, half);
    }

    /** One response row's even columns to {@code band[at + b·MR]}, its odd ones {@code half} further (zero past it). */
    private void evenOdd(float[] response, int row, int pairs, int wo, float[] band, int at, int half) {
        for (int b = 0; b < pairs; b++) {
            band[at + b * mr] = response[row + 2 * b];
            band[at + half + b * mr] = response[row + 2 * b + 1];
        }
        if (wo % 2 != 0) {
            band[at + pairs * mr] = response[row + wo - 1];
            band[at + half + pairs * mr] = 0f;
        }
    }

    /**
     * {@code V = Bᵀ·x·B} of the 6×6 image blocks of one row of tiles for NR image channels from {@code c0}
     * ({@code valid} of them real, the rest zero), into {@code v[vOff + t·pointStride + tile·NR + j]}; positions
     * outside the image read as zero. Per channel the six rows are copied zero-padded and transformed down their
     * columns by vector rows, then moved into a band {@code E[p][x % 2][x / 2][j]}; then along the rows.
     */
    @Override
    void packImageRow(ConvGeometry g, float[] image, int n, int c0, int valid, int a, int tileCols,
                      float[] band, float[] v, int vOff, int pointStride) {
        int h = g.image()[1];
        int w = g.image()[2];
        int padLeft = g.padLeft()[2];
        int plane = g.imagePlane();
        int width = 2 * tileCols + 4;
        int half = (tileCols + 2) * nr;
        int y0 = 2 * a - g.padLeft()[1];
        int x0 = Math.min(width, Math.max(0, padLeft));
        int x1 = Math.max(x0, Math.min(width, w + padLeft));
        int rows = 12 * half;                  // six padded image rows
        int columns = rows + 6 * width;        // their column transform
        java.util.Arrays.fill(band, rows, columns, 0f);
        for (int j = 0; j < nr; j++) {
            if (j < valid) {
                copyRows(image, (n * g.imageChannels() + c0 + j) * plane - padLeft, h, w, y0, 6, x0, x1, band, rows, width);
                ops.winogradInput(band, rows, rows + width, rows + 2 * width, rows + 3 * width, rows + 4 * width,
                        rows + 5 * width, band, columns, width, width);
            } else if (j == valid) {
                java.util.Arrays.fill(band, columns, columns + 6 * width, 0f);
            }
            for (int p = 0; p < 6; p++) {
                int from = columns + p * width;
                int to = 2 * p * half + j;
                for (int b = 0; b < width / 2; b++) {
                    band[to + b * nr] = band[from + 2 * b];
                    band[to + half + b * nr] = band[from + 2 * b + 1];
                }
            }
        }
        // along the rows: tile b reads columns 2b..2b+5, i.e. even b, odd b, even b+1, odd b+1, even b+2, odd b+2
        int length = tileCols * nr;
        for (int p = 0; p < 6; p++) {
            int even = 2 * p * half;
            int odd = even + half;
            ops.winogradInput(band, even, odd, even + nr, odd + nr, even + 2 * nr, odd + 2 * nr, v,
                    vOff + 6 * p * pointStride, pointStride, length);
        }
    }

    /**
     * Image rows {@code y0 .. y0 + count - 1} of one channel ({@code channel}: its plane's start less the left padding)
     * into columns [x0, x1) of the band's rows {@code band[rows + p·width + x]}, zero for rows outside the image; the
     * columns outside [x0, x1) are left as they are (zero).
     */
    static void copyRows(float[] image, int channel, int h, int w, int y0, int count, int x0, int x1, float[] band,
                         int rows, int width) {
        for (int p = 0; p < count; p++) {
            int y = y0 + p;
            if (y >= 0 && y < h && x1 > x0) {
                System.arraycopy(image, channel + y * w + x0, band, rows + p * width + x0, x1 - x0);
            } else {
                java.util.Arrays.fill(band, rows + p * width + x0, rows + p * width + x1, 0f);
            }
        }
    }

    /**
     * {@code dW = Gᵀ·M·G} per channel pair in double, rounded once, with G F(2, 5)'s filter transform on the
     * points 0, ±1, ±2, ∞: Gᵀ's rows (1/4, −1/6, −1/6, 1/24, 1/24, 0), (0, −1/6, 1/6, 1/12, −1/12, 0),
     * (0, −1/6, −1/6, 1/6, 1/6, 0), (0, −1/6, 1/6, 1/3, −1/3, 0), (0, −1/6, −1/6, 2/3, 2/3, 1).
     */
    private void outputTransform(double[] c, int cOff, int partFloats, int parts, int pointFloats, int colStrips, int co0,
                                 int co1, int cb, float[] dw, int coBase, int cg, int ci0) {
        int alpha = tile + 4;
        double[] p = new double[points];
        double[] rows = new double[5 * alpha];
        double[] done = new double[25];
        int lanes = outputLanes;
        double[] work = lanes > 0 ? outputWork.doubles(VectorOps.FIVE_GRADIENT_OUTPUT_WORK * lanes) : null;
        for (int co = co0; co < co1; co++) {
            int ci = 0;
            for (; lanes > 0 && ci % nr + lanes <= nr && ci + lanes <= cb; ci += lanes) {
                int at = cOff + ((co / mr) * colStrips + ci / nr) * mr * nr + (co % mr) * nr + ci % nr;
                ops.fiveGradientOutput(tile, c, at, pointFloats, parts, partFloats, work, dw,
                        ((coBase + co) * cg + ci0 + ci) * 25, 25);
            }
            for (; ci < cb; ci++) {
                int at = cOff + ((co / mr) * colStrips + ci / nr) * mr * nr + (co % mr) * nr + ci % nr;
                for (int t = 0; t < points; t++) {
                    double sum = c[at + t * pointFloats];
                    for (int part = 1; part < parts; part++) { // the parts' sums in part order
                        sum += c[at + part * partFloats + t * pointFloats];
                    }
                    p[t] = sum;
                }
                // along the rows of M (index q), then down its columns (index p)
                for (int row = 0; row < alpha; row++) {
                    transform(p, alpha * row, 1, rows, 5 * row, 1);
                }
                int out = ((coBase + co) * cg + ci0 + ci) * 25;
                for (int col = 0; col < 5; col++) {
                    transform(rows, col, 5, done, 5 * col, 1);
                }
                for (int k = 0; k < 5; k++) {
                    for (int l = 0; l < 5; l++) {
                        dw[out + 5 * k + l] = (float) done[5 * l + k];
                    }
                }
            }
        }
    }

    /** Gᵀ m of six values at {@code in[x + s·inStep]}, the five outputs to {@code out[o + k·outStep]}. */
    void transform(double[] in, int x, int inStep, double[] out, int o, int outStep) {
        double m0 = in[x];
        double m1 = in[x + inStep];
        double m2 = in[x + 2 * inStep];
        double m3 = in[x + 3 * inStep];
        double m4 = in[x + 4 * inStep];
        double m5 = in[x + 5 * inStep];
        double s = m1 + m2;
        double d = m1 - m2;
        double s2 = m3 + m4;
        double d2 = m3 - m4;
        out[o] = m0 * (1 / 4.0) - s * (1 / 6.0) + s2 * (1 / 24.0);
        out[o + outStep] = -d * (1 / 6.0) + d2 * (1 / 12.0);
        out[o + 2 * outStep] = -s * (1 / 6.0) + s2 * (1 / 6.0);
        out[o + 3 * outStep] = -d * (1 / 6.0) + d2 * (1 / 3.0);
        out[o + 4 * outStep] = -s * (1 / 6.0) + s2 * (2 / 3.0) + m5;
    }
}
