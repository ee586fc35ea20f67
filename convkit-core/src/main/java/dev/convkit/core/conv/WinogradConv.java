package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;

import java.util.Arrays;

/**
 * The 3×3, stride-1 correlation by Winograd's minimal filtering F(4×4, 3×3) (Lavin and Gray, 2016):
 * each 4×4 block of the response is computed from a 6×6 block of the image with 36 multiplications
 * per channel pair instead of 144. Used for the forward and, through {@link ConvDispatch#flipped},
 * for the input gradient.
 *
 * <ul>
 *   <li>The weights are transformed once per call, {@code U = G w Gᵀ}, in double, and packed in the
 *       micro-kernel's MR strips, one (Cout × Cin) matrix per transform point.</li>
 *   <li>The image is read once into 16 phase planes per channel (row mod 4, column mod 4, zero outside
 *       the image), so that the input transform {@code V = Bᵀ d B} of a run of tiles is a set of
 *       element-wise loops over contiguous arrays (vectorized by the JIT) instead of strided gathers.</li>
 *   <li>Tiles are numbered over (image, tile row, tile column) and handed out NR at a time, one packed
 *       micro-kernel strip: 36 products {@code M = U · V} on the micro-kernel per strip, then the output
 *       transform {@code Y = Aᵀ M A}, element-wise over the strip's tiles.</li>
 * </ul>
 * Every response element is computed by one task in one order, so results do not depend on the thread
 * count. The transforms round differently from the direct sum; the error against the double-precision
 * reference is in docs/PERFORMANCE.md, and {@code -Dconvkit.winograd=off} turns the path off.
 */
final class WinogradConv {
    /** Fewer channels than this on either side, and the transforms cost more than the multiplications save. */
    static final int MIN_CHANNELS = 16;
    /** Transform points: 6 × 6. */
    private static final int POINTS = 36;
    /** Response rows per output transform block: the block's 36 products stay in L2. */
    private static final int ROW_BLOCK = 64;

    /** G of F(4, 3): the 6×3 weight transform. */
    private static final double[][] G = {
        {1 / 4.0, 0, 0},
        {-1 / 6.0, -1 / 6.0, -1 / 6.0},
        {-1 / 6.0, 1 / 6.0, -1 / 6.0},
        {1 / 24.0, 1 / 12.0, 1 / 6.0},
        {1 / 24.0, -1 / 12.0, 1 / 6.0},
        {0, 0, 1},
    };

    private final MicroKernel micro;
    private final int mr;
    private final int nr;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    WinogradConv(MicroKernel micro) {
        this.micro = micro;
        this.mr = micro.mr();
        this.nr = micro.nr();
    }

    /** Plain 2-d 3×3 correlations with unit stride and dilation, one group, and enough channels on both sides. */
    static boolean applies(ConvGeometry g) {
        int[] k = g.kernel();
        int[] s = g.stride();
        int[] d = g.dilation();
        return g.groups() == 1 && k[0] == 1 && g.image()[0] == 1 && g.response()[0] == 1 && g.padLeft()[0] == 0
                && k[1] == 3 && k[2] == 3 && s[1] == 1 && s[2] == 1 && d[1] == 1 && d[2] == 1
                && g.imageChannels() >= MIN_CHANNELS && g.responseChannels() >= MIN_CHANNELS;
    }

    /** Per-thread buffers, grown as needed and reused across calls. */
    private static final class Workspace {
        float[] shared = new float[0];
        float[] packed = new float[0];
        float[] products = new float[0];
        float[] rows = new float[0];

        static float[] grow(float[] a, long size) {
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("Winograd workspace of " + size + " floats exceeds an array");
            }
            return a.length >= size ? a : new float[(int) size];
        }
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        int batch = g.batch();
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int height = g.image()[1];
        int width = g.image()[2];
        int outH = g.response()[1];
        int outW = g.response()[2];
        int tileRows = (outH + 3) / 4;
        int tileCols = (outW + 3) / 4;
        int rowLen = tileCols + 1;
        // one spare tile row and column for the 6-wide windows' overlap, one spare element for the shifted reads
        int phasePlane = (tileRows + 1) * rowLen + 1;
        int tilesPerImage = tileRows * tileCols;
        long totalTiles = (long) batch * tilesPerImage;
        int coutP = (cout + mr - 1) / mr * mr;
        int rowBlock = Math.min(coutP, ROW_BLOCK);

        float[] u = transformWeights(weight, cin, cout, coutP);
        Workspace caller = workspaces.get();
        long phaseSize = (long) batch * cin * 16 * phasePlane;
        caller.shared = Workspace.grow(caller.shared, phaseSize);
        float[] phases = caller.shared;
        Parallel.forEach(batch * cin, i -> fillPhases(image, i, height, width, g.padLeft()[1], g.padLeft()[2],
                tileRows, rowLen, phases, (long) i * 16 * phasePlane));

        float[] out = new float[g.responseSize()];
        int strips = (int) ((totalTiles + nr - 1) / nr);
        Parallel.forEach(strips, strip -> {
            Workspace w = workspaces.get();
            w.packed = Workspace.grow(w.packed, (long) POINTS * cin * nr);
            w.products = Workspace.grow(w.products, (long) POINTS * rowBlock * nr);
            int runMax = 2 * nr + 2;
            w.rows = Workspace.grow(w.rows, (long) (2 * POINTS + 6) * runMax);
            long t0 = (long) strip * nr;
            int count = (int) Math.min(nr, totalTiles - t0);
            transformInput(phases, w, (int) t0, count, cin, tilesPerImage, tileCols, rowLen, phasePlane, runMax);
            for (int co0 = 0; co0 < cout; co0 += rowBlock) {
                int rowsHere = Math.min(rowBlock, coutP - co0);
                for (int p = 0; p < POINTS; p++) {
                    for (int ms = 0; ms < rowsHere; ms += mr) {
                        micro.multiply(cin, u, (p * coutP + co0 + ms) * cin, w.packed, p * cin * nr, w.products,
                                (p * rowBlock + ms) * nr, nr, false);
                    }
                }
                transformOutput(w, rowBlock, out, (int) t0, count, co0, Math.min(rowBlock, cout - co0), cout,
                        tilesPerImage, tileCols, outH, outW);
            }
        });
        return out;
    }

    /** U[p] = G w G^T for every (co, ci), in MR strips: u[(p*coutP + strip*mr)*cin + ci*mr + co%mr]. */
    private float[] transformWeights(float[] weight, int cin, int cout, int coutP) {
        float[] u = new float[POINTS * coutP * cin];
        double[] tmp = new double[18];
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                int src = (co * cin + ci) * 9;
                for (int i = 0; i < 6; i++) {
                    for (int b = 0; b < 3; b++) {
                        tmp[i * 3 + b] = G[i][0] * weight[src + b] + G[i][1] * weight[src + 3 + b]
                                + G[i][2] * weight[src + 6 + b];
                    }
                }
                int strip = co / mr * mr;
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        double v = tmp[i * 3] * G[j][0] + tmp[i * 3 + 1] * G[j][1] + tmp[i * 3 + 2] * G[j][2];
                        u[((i * 6 + j) * coutP + strip) * cin + ci * mr + co - strip] = (float) v;
                    }
                }
            }
        }
        return u;
    }

    /**
     * Plane {@code a*4 + b} of channel (n, c) holds padded-image element (4y + a, 4x + b) at {@code y*rowLen + x},
     * zero outside the image.
     */
    private static void fillPhases(float[] image, int nc, int height, int width, int padTop, int padLeft,
                                   int tileRows, int rowLen, float[] phases, long base) {
        int phasePlane = (tileRows + 1) * rowLen + 1;
        int src = nc * height * width;
        for (int a = 0; a < 4; a++) {
            for (int y = 0; y <= tileRows; y++) {
                int h = 4 * y + a - padTop;
                boolean inside = h >= 0 && h < height;
                for (int b = 0; b < 4; b++) {
                    int dst = (int) (base + (a * 4 + b) * phasePlane + y * rowLen);
                    for (int x = 0; x < rowLen; x++) {
                        int col = 4 * x + b - padLeft;
                        phases[dst + x] = inside && col >= 0 && col < width ? image[src + h * width + col] : 0f;
                    }
                }
            }
        }
        for (int p = 0; p < 16; p++) {
            phases[(int) (base + p * phasePlane + phasePlane - 1)] = 0f;
        }
    }

    /**
     * V = B^T d B for tiles [t0, t0 + count) and every channel, into the packed strip
     * {@code packed[(p*cin + c)*nr + lane]} (zero in lanes past count).
     */
    private void transformInput(float[] phases, Workspace w, int t0, int count, int cin, int tilesPerImage,
                                int tileCols, int rowLen, int phasePlane, int runMax) {
        float[] packed = w.packed;
        float[] rows = w.rows;
        if (count < nr) {
            for (int pc = 0; pc < POINTS * cin; pc++) {
                Arrays.fill(packed, pc * nr + count, pc * nr + nr, 0f);
            }
        }
        int t = t0;
        while (t < t0 + count) {
            int n = t / tilesPerImage;
            int first = t - n * tilesPerImage;
            int last = Math.min(tilesPerImage, first + (t0 + count - t)) - 1;
            // tiles first..last of image n, as a run of "extended" positions e = ty*rowLen + tx
            int e0 = first + first / tileCols;
            int run = last + last / tileCols - e0 + 1;
            for (int c = 0; c < cin; c++) {
                int base = (n * cin + c) * 16 * phasePlane + e0;
                transformRun(phases, base, phasePlane, rowLen, run, rows, runMax);
                // copy the tiles of each tile row into their lanes
                int lane = t - t0;
                int tile = first;
                while (tile <= last) {
                    int ty = tile / tileCols;
                    int tx = tile - ty * tileCols;
                    int len = Math.min(tileCols - tx, last - tile + 1);
                    int off = ty * rowLen + tx - e0;
                    for (int p = 0; p < POINTS; p++) {
                        System.arraycopy(rows, p * runMax + off, packed, (p * cin + c) * nr + lane, len);
                    }
                    lane += len;
                    tile += len;
                }
            }
            t += last - first + 1;
        }
    }

    /**
     * The 36 transformed points of a run of {@code run} extended positions of one channel, point p at
     * {@code rows[p*runMax ...]}; {@code rows[36*runMax ...]} holds the row transforms T[r][j] = (d B)[r][j].
     */
    private static void transformRun(float[] phases, int base, int phasePlane, int rowLen, int run, float[] rows,
                                     int runMax) {
        int tmp = POINTS * runMax; // past the 36 outputs: the 36 row transforms
        // T[r][j] = sum_s B^T[j][s] d[r][s], for each window row r, into rows[tmp + (r*6 + j)*runMax]
        for (int r = 0; r < 6; r++) {
            int rowBase = base + (r & 3) * 4 * phasePlane + (r >> 2) * rowLen;
            int x0 = rowBase;
            int x1 = rowBase + phasePlane;
            int x2 = rowBase + 2 * phasePlane;
            int x3 = rowBase + 3 * phasePlane;
            int x4 = rowBase + 1;
            int x5 = rowBase + phasePlane + 1;
            int o = tmp + r * 6 * runMax;
            rowTransform(phases, x0, x1, x2, x3, x4, x5, rows, o, runMax, run);
        }
        // V[i][j] = sum_r B^T[i][r] T[r][j]
        for (int j = 0; j < 6; j++) {
            int y0 = tmp + j * runMax;
            rowTransformStrided(rows, y0, 6 * runMax, rows, j * runMax, 6 * runMax, run);
        }
    }

    /** B^T applied to six inputs, element-wise over n positions; outputs at o + k*step. */
    private static void rowTransform(float[] in, int x0, int x1, int x2, int x3, int x4, int x5, float[] out, int o,
                                     int step, int n) {
        for (int i = 0; i < n; i++) {
            float d0 = in[x0 + i];
            float d1 = in[x1 + i];
            float d2 = in[x2 + i];
            float d3 = in[x3 + i];
            float d4 = in[x4 + i];
            float d5 = in[x5 + i];
            out[o + i] = 4 * d0 - 5 * d2 + d4;
            out[o + step + i] = d3 + d4 - 4 * (d1 + d2);
            out[o + 2 * step + i] = 4 * (d1 - d2) + d4 - d3;
            out[o + 3 * step + i] = 2 * (d3 - d1) + d4 - d2;
            out[o + 4 * step + i] = 2 * (d1 - d3) + d4 - d2;
            out[o + 5 * step + i] = 4 * d1 - 5 * d3 + d5;
        }
    }

    /** B^T over inputs at x + k*inStep, outputs at o + k*outStep (k = 0..5), element-wise over n positions. */
    private static void rowTransformStrided(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        rowTransform(in, x, x + inStep, x + 2 * inStep, x + 3 * inStep, x + 4 * inStep, x + 5 * inStep, out, o, outStep, n);
    }

    /** Y = A^T M A for response rows [co0, co0 + rows) of the strip's tiles, written into the response. */
    private void transformOutput(Workspace w, int rowBlock, float[] out, int t0, int count, int co0, int rows, int cout,
                                 int tilesPerImage, int tileCols, int outH, int outW) {
        float[] m = w.products;
        float[] z = w.rows; // 24 rows of nr: A^T along the columns of each of the 6 point rows
        int plane = outH * outW;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < 6; i++) {
                int src = ((i * 6) * rowBlock + r) * nr;
                int stride = rowBlock * nr;
                outputTransform(m, src, stride, z, i * nr, 6 * nr, nr);
            }
            // y[p][q] at z[24*nr + (p*4 + q)*nr]
            for (int q = 0; q < 4; q++) {
                outputTransform(z, q * 6 * nr, nr, z, 24 * nr + q * nr, 4 * nr, nr);
            }
            int co = co0 + r;
            for (int lane = 0; lane < count; lane++) {
                int t = t0 + lane;
                int n = t / tilesPerImage;
                int tile = t - n * tilesPerImage;
                int ty = tile / tileCols;
                int tx = tile - ty * tileCols;
                int h0 = 4 * ty;
                int w0 = 4 * tx;
                int hn = Math.min(4, outH - h0);
                int wn = Math.min(4, outW - w0);
                int dst = (n * cout + co) * plane + h0 * outW + w0;
                for (int p = 0; p < hn; p++) {
                    for (int q = 0; q < wn; q++) {
                        out[dst + p * outW + q] = z[24 * nr + (p * 4 + q) * nr + lane];
                    }
                }
            }
        }
    }

    /** A^T of F(4, 3) applied to six inputs at x + k*inStep, four outputs at o + k*outStep, element-wise. */
    private static void outputTransform(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        for (int i = 0; i < n; i++) {
            float m0 = in[x + i];
            float m1 = in[x + inStep + i];
            float m2 = in[x + 2 * inStep + i];
            float m3 = in[x + 3 * inStep + i];
            float m4 = in[x + 4 * inStep + i];
            float m5 = in[x + 5 * inStep + i];
            float s12 = m1 + m2;
            float d12 = m1 - m2;
            float s34 = m3 + m4;
            float d34 = m3 - m4;
            out[o + i] = m0 + s12 + s34;
            out[o + outStep + i] = d12 + 2 * d34;
            out[o + 2 * outStep + i] = s12 + 4 * s34;
            out[o + 3 * outStep + i] = d12 + 8 * d34 + m5;
        }
    }
}
