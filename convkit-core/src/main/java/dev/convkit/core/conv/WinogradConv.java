package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

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
 *   <li>A task is a band of tile rows of one image (small enough that its data stays in L2; more bands
 *       per image when there are fewer images than twice the threads). It copies its part of the image
 *       into 24 phase planes per channel (plane (a, s) holds the padded image at row 4y + a, column
 *       4x + s, zero outside the image), so that the input transform {@code V = Bᵀ d B} of consecutive
 *       tiles is a set of element-wise vector loops over contiguous arrays ({@link VectorOps#winogradInput})
 *       instead of strided gathers.</li>
 *   <li>The band's tiles go NR at a time, one packed micro-kernel strip: 36 products {@code M = U · V}
 *       on the micro-kernel per strip, then the output transform {@code Y = Aᵀ M A}, element-wise over the
 *       strip's tiles.</li>
 * </ul>
 * Every response element is computed by one task in one order, so results do not depend on the thread
 * count. The transforms round differently from the direct sum; the error against the double-precision
 * reference is in docs/PERFORMANCE.md. The path is opt-in, {@code -Dconvkit.winograd=on}: it does not yet scale to two threads.
 */
final class WinogradConv {
    /** Fewer channels than this on either side, and the transforms cost more than the multiplications save. */
    static final int MIN_CHANNELS = 16;
    /**
     * More channel pairs than this, and the transformed weights (36 × Cin × Cout floats) no longer stay in
     * L2 while a strip of tiles passes: measured on 256 × 256 channels (r3x3-14), the GEMM path is faster.
     */
    static final int MAX_CHANNEL_PAIRS = 128 * 128;
    /** Transform points: 6 × 6. */
    private static final int POINTS = 36;
    /** Response rows per output transform block: the block's 36 products stay in L2. */
    private static final int ROW_BLOCK = 64;

    private final MicroKernel micro;
    private final VectorOps ops;
    private final int mr;
    private final int nr;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    WinogradConv(MicroKernel micro, VectorOps ops) {
        this.micro = micro;
        this.ops = ops;
        this.mr = micro.mr();
        this.nr = micro.nr();
    }

    /**
     * Plain 2-d 3×3 correlations with unit stride and dilation, one group, and enough channels on both
     * sides but not too many channel pairs.
     */
    static boolean applies(ConvGeometry g) {
        int[] k = g.kernel();
        int[] s = g.stride();
        int[] d = g.dilation();
        return g.groups() == 1 && k[0] == 1 && g.image()[0] == 1 && g.response()[0] == 1 && g.padLeft()[0] == 0
                && k[1] == 3 && k[2] == 3 && s[1] == 1 && s[2] == 1 && d[1] == 1 && d[2] == 1
                && g.imageChannels() >= MIN_CHANNELS && g.responseChannels() >= MIN_CHANNELS
                && (long) g.imageChannels() * g.responseChannels() <= MAX_CHANNEL_PAIRS;
    }

    /** Per-thread buffers, grown as needed and reused across calls. */
    private static final class Workspace {
        float[] phases = new float[0];
        float[] packed = new float[0];
        float[] products = new float[0];
        float[] rows = new float[0];
        int[] laneTarget = new int[0];
        int[] laneExtent = new int[0];

        static float[] grow(float[] a, long size) {
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("Winograd workspace of " + size + " floats exceeds an array");
            }
            return a.length >= size ? a : new float[(int) size];
        }
    }

    /** Phase-plane floats per task: with the packed strip and the products, the task's data stays in L2. */
    private static final int PHASE_BUDGET = 1 << 18;

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int tileRows = (g.response()[1] + 3) / 4;
        int cols = (g.response()[2] + 3) / 4;
        int coutP = (cout + mr - 1) / mr * mr;
        int rowBlock = Math.min(coutP, ROW_BLOCK);
        // tasks: bands of tile rows of one image, small enough for L2 and numerous enough for every thread;
        // a tile's arithmetic does not depend on its band, so neither do the results
        int maxRows = Math.max(1, PHASE_BUDGET / (24 * cin * cols) - 1);
        int wanted = (2 * Parallel.threads() + g.batch() - 1) / g.batch();
        int bands = Math.max((tileRows + maxRows - 1) / maxRows, Math.min(tileRows, wanted));
        int bandRows = (tileRows + bands - 1) / bands;
        int bandsPerImage = (tileRows + bandRows - 1) / bandRows;

        float[] u = transformWeights(weight, cin, cout, coutP);
        float[] out = Storage.zeros(g.responseSize());
        Parallel.forEach(g.batch() * bandsPerImage, task -> {
            int n = task / bandsPerImage;
            int ty0 = (task % bandsPerImage) * bandRows;
            int rows = Math.min(bandRows, tileRows - ty0);
            int plane = (rows + 1) * cols; // the windows of the band's last tile row reach one row further
            Workspace w = workspaces.get();
            w.phases = Workspace.grow(w.phases, 24L * cin * plane);
            w.packed = Workspace.grow(w.packed, (long) POINTS * cin * nr);
            w.products = Workspace.grow(w.products, (long) POINTS * rowBlock * nr);
            w.rows = Workspace.grow(w.rows, Math.max((long) POINTS * nr + 16 * nr, 4L * cols + 2));
            for (int c = 0; c < cin; c++) {
                fillPhases(g, image, n * cin + c, ty0, rows, cols, w.phases, c * 24 * plane, w.rows);
            }
            int tiles = rows * cols;
            for (int l0 = 0; l0 < tiles; l0 += nr) {
                int count = Math.min(nr, tiles - l0);
                transformInput(w, l0, count, cin, cols, plane);
                describeLanes(g, w, n, ty0 * cols + l0, count, cols);
                for (int co0 = 0; co0 < cout; co0 += rowBlock) {
                    int rowsHere = Math.min(rowBlock, coutP - co0);
                    for (int p = 0; p < POINTS; p++) {
                        for (int ms = 0; ms < rowsHere; ms += mr) {
                            micro.multiply(cin, u, (p * coutP + co0 + ms) * cin, w.packed, p * cin * nr, w.products,
                                    (p * rowBlock + ms) * nr, nr, false);
                        }
                    }
                    transformOutput(g, w, rowBlock, out, count, co0, Math.min(rowBlock, cout - co0));
                }
            }
        });
        return out;
    }

    /** U[p] = G w G^T for every (co, ci), in MR strips: u[(p*coutP + strip*mr)*cin + ci*mr + co%mr]. */
    private float[] transformWeights(float[] weight, int cin, int cout, int coutP) {
        float[] u = new float[POINTS * coutP * cin];
        Parallel.forEach(cout, co -> {
            double[] rows = new double[18];
            double[] points = new double[36];
            int strip = co / mr * mr;
            for (int ci = 0; ci < cin; ci++) {
                int src = (co * cin + ci) * 9;
                for (int b = 0; b < 3; b++) {
                    filterTransform(weight[src + b], weight[src + 3 + b], weight[src + 6 + b], rows, b, 3);
                }
                for (int i = 0; i < 6; i++) {
                    filterTransform(rows[i * 3], rows[i * 3 + 1], rows[i * 3 + 2], points, i * 6, 1);
                }
                int dst = strip * cin + ci * mr + co - strip;
                for (int p = 0; p < POINTS; p++) {
                    u[p * coutP * cin + dst] = (float) points[p];
                }
            }
        });
        return u;
    }

    /** G (g0, g1, g2)^T of F(4, 3), in double: the six outputs at out[off + k*step]. */
    private static void filterTransform(double g0, double g1, double g2, double[] out, int off, int step) {
        double outer = g0 + g2;
        out[off] = g0 * (1 / 4.0);
        out[off + step] = -(outer + g1) * (1 / 6.0);
        out[off + 2 * step] = -(outer - g1) * (1 / 6.0);
        out[off + 3 * step] = g0 * (1 / 24.0) + g1 * (1 / 12.0) + g2 * (1 / 6.0);
        out[off + 4 * step] = g0 * (1 / 24.0) - g1 * (1 / 12.0) + g2 * (1 / 6.0);
        out[off + 5 * step] = g2;
    }

    /**
     * Plane {@code a*6 + s} (at {@code base + (a*6 + s)*plane}) of image channel {@code nc} holds the padded
     * image's element (4(ty0 + y) + a, 4x + s) at {@code y*cols + x}, for y = 0 .. rows; zero outside the image.
     */
    private static void fillPhases(ConvGeometry g, float[] image, int nc, int ty0, int rows, int cols, float[] phases,
                                   int base, float[] row) {
        int height = g.image()[1];
        int width = g.image()[2];
        int padTop = g.padLeft()[1];
        int padLeft = g.padLeft()[2];
        int plane = (rows + 1) * cols;
        int src = nc * height * width;
        // one padded image row: the windows' columns 0 .. 4*cols + 1, zero outside the image
        int span = 4 * cols + 2;
        int copyTo = Math.min(width, span - padLeft);
        Arrays.fill(row, 0, span, 0f);
        for (int a = 0; a < 4; a++) {
            for (int y = 0; y <= rows; y++) {
                int h = 4 * (ty0 + y) + a - padTop;
                int dst = base + a * 6 * plane + y * cols;
                if (h < 0 || h >= height) {
                    for (int s = 0; s < 6; s++) {
                        Arrays.fill(phases, dst + s * plane, dst + s * plane + cols, 0f);
                    }
                    continue;
                }
                if (copyTo > 0) {
                    System.arraycopy(image, src + h * width, row, padLeft, copyTo);
                }
                for (int s = 0; s < 6; s++) {
                    int d = dst + s * plane;
                    for (int x = 0; x < cols; x++) {
                        phases[d + x] = row[4 * x + s];
                    }
                }
            }
        }
    }

    /**
     * V = B^T d B for the band's tiles [l0, l0 + count) and every channel, into the packed strip
     * {@code packed[(p*cin + c)*nr + lane]} (zero in lanes past count).
     */
    private void transformInput(Workspace w, int l0, int count, int cin, int cols, int plane) {
        float[] phases = w.phases;
        float[] packed = w.packed;
        float[] rows = w.rows;
        if (count < nr) {
            for (int pc = 0; pc < POINTS * cin; pc++) {
                Arrays.fill(packed, pc * nr + count, pc * nr + nr, 0f);
            }
        }
        int step = 6 * cin * nr;
        for (int c = 0; c < cin; c++) {
            int base = c * 24 * plane + l0;
            // T[r][j] = (d B)[r][j] for window row r, at rows[(r*6 + j)*nr]
            for (int r = 0; r < 6; r++) {
                int x = base + (r & 3) * 6 * plane + (r >> 2) * cols;
                ops.winogradInput(phases, x, x + plane, x + 2 * plane, x + 3 * plane, x + 4 * plane, x + 5 * plane,
                        rows, r * 6 * nr, nr, count);
            }
            // V[i][j] = (B^T T)[i][j], point i*6 + j, straight into the packed strip
            for (int j = 0; j < 6; j++) {
                int x = j * nr;
                ops.winogradInput(rows, x, x + 6 * nr, x + 12 * nr, x + 18 * nr, x + 24 * nr, x + 30 * nr,
                        packed, j * cin * nr + c * nr, step, count);
            }
        }
    }

    /** Where each lane's 4×4 tile goes: its offset in channel 0 of image n, and its rows × columns inside the response. */
    private void describeLanes(ConvGeometry g, Workspace w, int n, int tile0, int count, int cols) {
        if (w.laneTarget.length < nr) {
            w.laneTarget = new int[nr];
            w.laneExtent = new int[nr];
        }
        int outH = g.response()[1];
        int outW = g.response()[2];
        for (int lane = 0; lane < count; lane++) {
            int tile = tile0 + lane;
            int ty = tile / cols;
            int tx = tile - ty * cols;
            w.laneTarget[lane] = n * g.responseChannels() * outH * outW + 4 * ty * outW + 4 * tx;
            w.laneExtent[lane] = Math.min(4, outH - 4 * ty) * 8 + Math.min(4, outW - 4 * tx);
        }
    }

    /** Y = A^T M A for response rows [co0, co0 + rows) of the strip's tiles, written into the response. */
    private void transformOutput(ConvGeometry g, Workspace w, int rowBlock, float[] out, int count, int co0, int rows) {
        float[] m = w.products;
        float[] z = w.rows; // Z[i][q] = (M A)[i][q] at z[(q*6 + i)*nr], then Y[p][q] at z[(24 + p*4 + q)*nr]
        int outW = g.response()[2];
        int plane = g.responsePlane();
        int y = 24 * nr;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < 6; i++) {
                ops.winogradOutput(m, (i * 6 * rowBlock + r) * nr, rowBlock * nr, z, i * nr, 6 * nr, nr);
            }
            for (int q = 0; q < 4; q++) {
                ops.winogradOutput(z, q * 6 * nr, nr, z, y + q * nr, 4 * nr, nr);
            }
            int co = (co0 + r) * plane;
            for (int lane = 0; lane < count; lane++) {
                int dst = w.laneTarget[lane] + co;
                int extent = w.laneExtent[lane];
                if (extent == 4 * 8 + 4) {
                    for (int p = 0; p < 4; p++) {
                        int yp = y + p * 4 * nr + lane;
                        int d = dst + p * outW;
                        out[d] = z[yp];
                        out[d + 1] = z[yp + nr];
                        out[d + 2] = z[yp + 2 * nr];
                        out[d + 3] = z[yp + 3 * nr];
                    }
                } else {
                    for (int p = 0; p < extent >> 3; p++) {
                        for (int q = 0; q < (extent & 7); q++) {
                            out[dst + p * outW + q] = z[y + (p * 4 + q) * nr + lane];
                        }
                    }
                }
            }
        }
    }
}
