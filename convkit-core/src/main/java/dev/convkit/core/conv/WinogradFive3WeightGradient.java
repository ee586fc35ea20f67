package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.VectorOps;

/**
 * The weight gradient of a 2-d 5×5 stride-1 convolution by Winograd's F(5×5, 3×3) (five14): the transpose of the
 * forward's F(3×3, 5×5) ({@link WinogradConv.Tile#F35}) on the same points 0, ±1, ±2, 1/2, ∞. The response is cut into
 * 3×3 tiles, each read against the 7×7 image block its windows cover; with {@code U = A·dy·Aᵀ} (7×7 from the 3×3
 * tile, A the transpose of F(3, 5)'s output transform, {@link VectorOps#winograd53Gradient}) and {@code V = Bᵀ·x·B}
 * (F(3, 5)'s input transform, {@link VectorOps#winograd35Input}), the gradient is {@code dW = Gᵀ·(Σ_tiles U ⊙ V)·G}
 * with G F(3, 5)'s filter transform: 49 products per tile and channel pair for 9 response elements (F(5×5, 2×2): 36
 * for 4), in 2.25x fewer tiles, so fewer transforms and fewer chains of double sums. Everything else (the task plan,
 * the chains, the output transform in double) is {@link WinogradFiveWeightGradient}'s; which of the two runs is
 * {@link WinogradFiveWeightGradient#tile}'s rule.
 */
final class WinogradFive3WeightGradient extends WinogradFiveWeightGradient {
    /**
     * Tiles per product chain: 32 (d5w60; five14 had 16, as F(5×5, 2×2)'s): each chain ends in a register tile's 32
     * double loads, adds and stores, so longer chains halve those; weight gradient 1.03-1.31x at one thread on the dense
     * 5×5 focus shapes. Worst error over WinogradFive3WeightGradientTest's shapes 0.31 of the conformance tolerance at
     * chains of 8, 0.39 at 16, 0.483 at 32 (docs/PERFORMANCE.md "(five14)", "(d5w60)").
     */
    static final int CHAIN_3 = 32;

    WinogradFive3WeightGradient(MicroKernel micro, VectorOps ops) {
        super(micro, ops, 3, CHAIN_3);
    }

    /** The image band (21 phase rows of nr channels), then 7 padded rows and their 7 transformed rows; or the response's 9 + 21 rows. */
    @Override
    int bandFloats(int tileCols) {
        return 30 * (tileCols + 2) * Math.max(mr, nr) + 14 * columnsOf(tileCols);
    }

    /** Padded image columns a row of tiles reads (3 per tile and 6), in whole multiples of 16 floats: no scalar tails down the columns. */
    private static int columnsOf(int tileCols) {
        return (3 * tileCols + 6 + 15) / 16 * 16;
    }

    /**
     * {@code U = A·dy·Aᵀ} of one row of tiles for MR response channels from {@code co0}: the three response rows
     * copied into a channel-minor band {@code G[row][x % 3][x / 3][i]}, transformed down the columns into
     * {@code H[p][x % 3][x / 3][i]}, then along the rows, each a vector loop over the whole row of tiles.
     */
    @Override
    void packResponseRow(ConvGeometry g, float[] response, int n, int co0, int valid, int a, int tileCols,
                         float[] band, float[] u, int uOff, int pointStride) {
        int ho = g.response()[1];
        int wo = g.response()[2];
        int plane = g.responsePlane();
        int half = tileCols * mr;
        int cols = 3 * tileCols;
        for (int i = 0; i < mr; i++) {
            for (int r = 0; r < 3; r++) {
                int y = 3 * a + r;
                int at = 3 * r * half + i;
                boolean real = i < valid && y < ho;
                int row = (n * g.responseChannels() + co0 + i) * plane + y * wo;
                for (int s = 0; s < 3; s++) {  // phase s: columns s, s + 3, ..., zero past the response
                    int to = at + s * half;
                    int x = s;
                    for (int b = 0; real && x < wo; b++, x += 3) {
                        band[to + b * mr] = response[row + x];
                    }
                    for (; x < cols; x += 3) {
                        band[to + x / 3 * mr] = 0f;
                    }
                }
            }
        }
        int h = 9 * half;
        for (int s = 0; s < 3; s++) {
            ops.winograd53Gradient(band, s * half, 3 * half + s * half, 6 * half + s * half, band, h + s * half,
                    3 * half, half);
        }
        for (int p = 0; p < 7; p++) {
            int from = h + 3 * p * half;
            ops.winograd53Gradient(band, from, from + half, from + 2 * half, u, uOff + 7 * p * pointStride, pointStride,
                    half);
        }
    }

    /**
     * {@code V = Bᵀ·x·B} of the 7×7 image blocks of one row of tiles for NR image channels from {@code c0}: per
     * channel the seven rows are copied zero-padded and transformed down their columns, then split by column phase
     * into a band {@code E[p][x % 3][x / 3][j]}; then along the rows (tile b reads phases 0, 1, 2 at b, b + 1 and
     * phase 0 at b + 2), a vector loop over the whole row of tiles.
     */
    @Override
    void packImageRow(ConvGeometry g, float[] image, int n, int c0, int valid, int a, int tileCols,
                      float[] band, float[] v, int vOff, int pointStride) {
        int h = g.image()[1];
        int w = g.image()[2];
        int padLeft = g.padLeft()[2];
        int plane = g.imagePlane();
        int width = columnsOf(tileCols);
        int third = (tileCols + 2) * nr;
        int y0 = 3 * a - g.padLeft()[1];
        int x0 = Math.min(width, Math.max(0, padLeft));
        int x1 = Math.max(x0, Math.min(width, w + padLeft));
        int rows = 21 * third;                 // seven padded image rows
        int columns = rows + 7 * width;        // their column transform
        java.util.Arrays.fill(band, rows, columns, 0f);
        for (int j = 0; j < nr; j++) {
            if (j < valid) {
                copyRows(image, (n * g.imageChannels() + c0 + j) * plane - padLeft, h, w, y0, 7, x0, x1, band, rows, width);
                ops.winograd35Input(band, rows, rows + width, rows + 2 * width, rows + 3 * width, rows + 4 * width,
                        rows + 5 * width, rows + 6 * width, band, columns, width, width);
            } else if (j == valid) {
                java.util.Arrays.fill(band, columns, columns + 7 * width, 0f);
            }
            for (int p = 0; p < 7; p++) {
                int from = columns + p * width;
                int to = 3 * p * third + j;
                for (int b = 0; b < tileCols + 2; b++) {
                    band[to + b * nr] = band[from + 3 * b];
                    band[to + third + b * nr] = band[from + 3 * b + 1];
                    band[to + 2 * third + b * nr] = band[from + 3 * b + 2];
                }
            }
        }
        int length = tileCols * nr;
        for (int p = 0; p < 7; p++) {
            int e0 = 3 * p * third;
            int e1 = e0 + third;
            int e2 = e1 + third;
            ops.winograd35Input(band, e0, e1, e2, e0 + nr, e1 + nr, e2 + nr, e0 + 2 * nr, v, vOff + 7 * p * pointStride,
                    pointStride, length);
        }
    }

    /**
     * Gᵀ m of seven values at {@code in[x + s·inStep]}, the five outputs to {@code out[o + k·outStep]}, with G F(3, 5)'s
     * filter transform ({@link WinogradConv.Tile#F35}: rows (−1/2, 0, 0, 0, 0), (1, 1, 1, 1, 1)·(−1/3),
     * (1, −1, 1, −1, 1)·1/9, (1, 2, 4, 8, 16)·1/36, (1, −2, 4, −8, 16)·(−1/60), (16, 8, 4, 2, 1)·2/45, (0, 0, 0, 0, 1)).
     */
    @Override
    void transform(double[] in, int x, int inStep, double[] out, int o, int outStep) {
        double m0 = in[x];
        double m1 = in[x + inStep] * (-1 / 3.0);
        double m2 = in[x + 2 * inStep] * (1 / 9.0);
        double m3 = in[x + 3 * inStep] * (1 / 36.0);
        double m4 = in[x + 4 * inStep] * (-1 / 60.0);
        double m5 = in[x + 5 * inStep] * (2 / 45.0);
        double m6 = in[x + 6 * inStep];
        double s = m1 + m2;
        double d = m1 - m2;
        double s2 = m3 + m4;
        double d2 = m3 - m4;
        out[o] = m0 * (-1 / 2.0) + s + s2 + 16 * m5;
        out[o + outStep] = d + 2 * d2 + 8 * m5;
        out[o + 2 * outStep] = s + 4 * s2 + 4 * m5;
        out[o + 3 * outStep] = d + 8 * d2 + 2 * m5;
        out[o + 4 * outStep] = s + 16 * s2 + m5 + m6;
    }
}
