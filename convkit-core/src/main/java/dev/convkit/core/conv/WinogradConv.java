package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;

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
 *   <li>The image is read once into 24 phase planes per channel (plane (a, s) holds the padded image at
 *       row 4y + a, column 4x + s, zero outside the image), so that the input transform {@code V = Bᵀ d B}
 *       of a run of consecutive tiles is a set of element-wise vector loops over contiguous arrays
 *       ({@link VectorOps#winogradInput}) instead of strided gathers.</li>
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
    /**
     * More channel pairs than this, and the transformed weights (36 × Cin × Cout floats) no longer stay in
     * L2 while a strip of tiles passes: measured on 256 × 256 channels (r3x3-14), the GEMM path is faster.
     */
    static final int MAX_CHANNEL_PAIRS = 128 * 128;
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

    /** The tiling of one geometry: 4×4 response tiles, numbered (image, tile row, tile column). */
    private record Tiling(int rows, int cols, int perImage, int plane, long total) {
        static Tiling of(ConvGeometry g) {
            int rows = (g.response()[1] + 3) / 4;
            int cols = (g.response()[2] + 3) / 4;
            // a phase plane has one more tile row: the windows of the last tile row reach into it
            return new Tiling(rows, cols, rows * cols, (rows + 1) * cols, (long) g.batch() * rows * cols);
        }
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        Tiling tiling = Tiling.of(g);
        int coutP = (cout + mr - 1) / mr * mr;
        int rowBlock = Math.min(coutP, ROW_BLOCK);

        float[] u = transformWeights(weight, cin, cout, coutP);
        Workspace caller = workspaces.get();
        caller.phases = Workspace.grow(caller.phases, (long) g.batch() * cin * 24 * tiling.plane);
        float[] phases = caller.phases;
        Parallel.forEach(g.batch() * cin, i -> {
            Workspace w = workspaces.get();
            w.rows = Workspace.grow(w.rows, Math.max((long) POINTS * nr + 16 * nr, 4L * tiling.cols + 2));
            fillPhases(g, image, i, tiling, phases, w.rows);
        });

        float[] out = new float[g.responseSize()];
        int strips = (int) ((tiling.total + nr - 1) / nr);
        Parallel.forEach(strips, strip -> {
            Workspace w = workspaces.get();
            w.packed = Workspace.grow(w.packed, (long) POINTS * cin * nr);
            w.products = Workspace.grow(w.products, (long) POINTS * rowBlock * nr);
            w.rows = Workspace.grow(w.rows, Math.max((long) POINTS * nr + 16 * nr, 4L * tiling.cols + 2));
            int t0 = (int) ((long) strip * nr);
            int count = (int) Math.min(nr, tiling.total - t0);
            transformInput(phases, w, t0, count, cin, tiling);
            describeLanes(g, w, t0, count, tiling);
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
     * Plane {@code a*6 + s} of channel {@code nc} (image n, channel c) holds the padded image's element
     * (4y + a, 4x + s) at {@code y*cols + x}, zero outside the image.
     */
    private static void fillPhases(ConvGeometry g, float[] image, int nc, Tiling tiling, float[] phases, float[] row) {
        int height = g.image()[1];
        int width = g.image()[2];
        int padTop = g.padLeft()[1];
        int padLeft = g.padLeft()[2];
        int cols = tiling.cols;
        int src = nc * height * width;
        int base = nc * 24 * tiling.plane;
        // one padded image row: the windows' columns 0 .. 4*cols + 1, zero outside the image
        int span = 4 * cols + 2;
        int copyFrom = Math.max(0, -padLeft);
        int copyTo = Math.min(width, span - padLeft);
        Arrays.fill(row, 0, span, 0f);
        for (int a = 0; a < 4; a++) {
            for (int y = 0; y <= tiling.rows; y++) {
                int h = 4 * y + a - padTop;
                int dst = base + a * 6 * tiling.plane + y * cols;
                if (h < 0 || h >= height) {
                    for (int s = 0; s < 6; s++) {
                        Arrays.fill(phases, dst + s * tiling.plane, dst + s * tiling.plane + cols, 0f);
                    }
                    continue;
                }
                if (copyTo > copyFrom) {
                    System.arraycopy(image, src + h * width + copyFrom, row, copyFrom + padLeft, copyTo - copyFrom);
                }
                for (int s = 0; s < 6; s++) {
                    int d = dst + s * tiling.plane;
                    for (int x = 0; x < cols; x++) {
                        phases[d + x] = row[4 * x + s];
                    }
                }
            }
        }
    }

    /**
     * V = B^T d B for tiles [t0, t0 + count) and every channel, into the packed strip
     * {@code packed[(p*cin + c)*nr + lane]} (zero in lanes past count).
     */
    private void transformInput(float[] phases, Workspace w, int t0, int count, int cin, Tiling tiling) {
        float[] packed = w.packed;
        float[] rows = w.rows;
        if (count < nr) {
            for (int pc = 0; pc < POINTS * cin; pc++) {
                Arrays.fill(packed, pc * nr + count, pc * nr + nr, 0f);
            }
        }
        int plane = tiling.plane;
        int step = 6 * cin * nr;
        for (int t = t0; t < t0 + count; ) {
            int n = t / tiling.perImage;
            int first = t - n * tiling.perImage;
            int len = Math.min(tiling.perImage - first, t0 + count - t);
            int lane = t - t0;
            for (int c = 0; c < cin; c++) {
                int base = (n * cin + c) * 24 * plane + first;
                // T[r][j] = (d B)[r][j] for window row r, at rows[(r*6 + j)*nr]
                for (int r = 0; r < 6; r++) {
                    int x = base + (r & 3) * 6 * plane + (r >> 2) * tiling.cols;
                    ops.winogradInput(phases, x, x + plane, x + 2 * plane, x + 3 * plane, x + 4 * plane, x + 5 * plane,
                            rows, r * 6 * nr, nr, len);
                }
                // V[i][j] = (B^T T)[i][j], point i*6 + j, straight into the packed strip
                for (int j = 0; j < 6; j++) {
                    int x = j * nr;
                    ops.winogradInput(rows, x, x + 6 * nr, x + 12 * nr, x + 18 * nr, x + 24 * nr, x + 30 * nr,
                            packed, (j * cin + c) * nr + lane, step, len);
                }
            }
            t += len;
        }
    }

    /** Where each lane's 4×4 tile goes: its offset in channel 0 of its image, and its rows × columns inside the response. */
    private void describeLanes(ConvGeometry g, Workspace w, int t0, int count, Tiling tiling) {
        if (w.laneTarget.length < nr) {
            w.laneTarget = new int[nr];
            w.laneExtent = new int[nr];
        }
        int outH = g.response()[1];
        int outW = g.response()[2];
        for (int lane = 0; lane < count; lane++) {
            int t = t0 + lane;
            int n = t / tiling.perImage;
            int tile = t - n * tiling.perImage;
            int ty = tile / tiling.cols;
            int tx = tile - ty * tiling.cols;
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
