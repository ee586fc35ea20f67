package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.window.Windows;

import java.util.Arrays;

/**
 * The fast convolution engine: a BLIS-style packed GEMM over an implicit, tiled im2col
 * ({@link ImageLayout}), with a register-blocked {@link MicroKernel}.
 *
 * <ul>
 *   <li>correlate: per image, group and column tile, {@code C[M x NT] = W[M x K] · im2col[K x NT]},
 *       the im2col tile packed straight from the image (contiguous copies for unit stride; a padded image
 *       through the band of it that the tile's windows cover, padded into the thread's workspace). When the
 *       columns are the response positions (strided layouts, and 1×1 without padding, where this is the
 *       plain GEMM on the channel matrix) and the reduction is one KC block, C is written straight into
 *       the response;</li>
 *   <li>scatter: for unit stride, a correlation of the response with the transposed, flipped kernel;
 *       otherwise {@code W^T · response} per tile, folded back into the image (col2im), one task per
 *       image, group and block of image channels, so that one image splits over the threads too;</li>
 *   <li>weight gradient: {@code dW[M x K] = Σ_n response_n · im2col_n^T}, split over column blocks of dW
 *       (NR strips dealt out evenly, one or two blocks per thread) so that every element is summed by
 *       one task in one order.</li>
 * </ul>
 * Every output element is computed by one task in a fixed order, so results do not depend on the
 * thread count. Which geometries come here (and which go to {@link DepthwiseConv},
 * {@link SmallChannelConv} or the flipped correlation) is {@link ConvDispatch}'s decision. Workspace: one
 * per thread, reused across calls (a B block of KC × NT floats, a tile of output, a padded band), never
 * the whole unfolded matrix nor a padded copy of the batch.
 */
final class FastConv implements ConvEngine {
    /** Reduction block: the packed panels stay in L1/L2. */
    static final int KC = 256;
    /** Column tile of the implicit im2col matrix. */
    static final int NT = 512;
    /** Row stride of output tiles: not a power of two, so that the rows of a register tile do not share cache sets. */
    static final int LDC = NT + 16;

    private final MicroKernel micro;
    /** The band copies of {@link #correlateRun}: rows of 14-28 floats by vector moves, not arraycopy calls. */
    private final VectorOps ops;
    private final int mr;
    private final int nr;
    private final ThreadScratch scratch = new ThreadScratch();
    /** The packed weights of {@link #correlate}, per calling thread: a role no task uses. */
    private final ThreadScratch packedWeights = new ThreadScratch();
    /** {@link #weightGradientPointwiseInPlace}'s row offsets (the scratch's ints hold the gathers' offsets meanwhile). */
    private final ThreadScratch inPlaceRows = new ThreadScratch();

    FastConv(MicroKernel micro, VectorOps ops) {
        this.micro = micro;
        this.ops = ops;
        this.mr = micro.mr();
        this.nr = micro.nr();
        if (NT % nr != 0) {
            throw new IllegalStateException("tile " + NT + " is not a multiple of the micro-kernel width " + nr);
        }
    }


    /**
     * The weights of a tile of 4×4 dot blocks ({@code MicroKernel.dotBlock}): the lane partials of weight (r, t) at
     * {@code acc[((r/4 · tapQuads + t/4) · 16 + (r%4) · 4 + t%4) · lanes]} summed in lane order (so a weight's bits do
     * not depend on the thread count) into {@code dw[(row0 + r) · stride + first + t]}.
     */
    static void sumLanesInOrder(float[] acc, int rows, int cols, int tapQuads, int lanes, float[] dw, int row0,
                                        int stride, int first) {
        for (int r = 0; r < rows; r++) {
            int out = (row0 + r) * stride + first;
            for (int t = 0; t < cols; t++) {
                int at = ((r / 4 * tapQuads + t / 4) * 16 + (r % 4) * 4 + t % 4) * lanes;
                float sum = acc[at];
                for (int lane = 1; lane < lanes; lane++) {
                    sum += acc[at + lane];
                }
                dw[out + t] = sum;
            }
        }
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    // ---------------------------------------------------------------- packing

    /**
     * Packs rows [0, rows) × columns [0, k) of a row-major matrix from {@code offset} into MR-row strips
     * {@code p[pOff + s*k*mr + kk*mr + i]}, rows past the last zero. Element by element (gemm15): onex12's vector
     * gathers were slower on Zen 5 even compiled (r1x1-56's weights 27-33 against 13-16 µs), and their method,
     * called once a strip, took ~100 calls of a shape to reach C2, 2.5-3.2 ms a call before (C1's Vector API
     * allocates every op), serially before the parallel pass.
     */
    private void packRows(float[] m, int offset, int ld, int rows, int k, float[] p, int pOff) {
        int strips = roundUp(rows, mr) / mr;
        for (int s = 0; s < strips; s++) {
            packStrip(m, offset, ld, rows, k, s, mr, p, pOff);
        }
    }

    /**
     * Strip {@code s} of {@link #packRows} for {@code mr}-row strips (also PhaseSplitConv's weights). A whole strip of 8
     * rows a reduction index at a time, its 8 floats stored in order (s2o50: 128 × 576 weights 30 -> 25 µs, 160 × 1440
     * 117 -> 90 µs, against a row at a time, 8 floats apart).
     */
    static void packStrip(float[] m, int offset, int ld, int rows, int k, int s, int mr, float[] p, int pOff) {
        int real = Math.min(mr, rows - s * mr);
        int src = offset + s * mr * ld;
        int dst = pOff + s * k * mr;
        if (mr == 8 && real == 8) {
            int r1 = src + ld;
            int r2 = src + 2 * ld;
            int r3 = src + 3 * ld;
            int r4 = src + 4 * ld;
            int r5 = src + 5 * ld;
            int r6 = src + 6 * ld;
            int r7 = src + 7 * ld;
            for (int kk = 0; kk < k; kk++, dst += 8) {
                p[dst] = m[src + kk];
                p[dst + 1] = m[r1 + kk];
                p[dst + 2] = m[r2 + kk];
                p[dst + 3] = m[r3 + kk];
                p[dst + 4] = m[r4 + kk];
                p[dst + 5] = m[r5 + kk];
                p[dst + 6] = m[r6 + kk];
                p[dst + 7] = m[r7 + kk];
            }
            return;
        }
        for (int i = 0; i < mr; i++) {
            for (int kk = 0; kk < k; kk++) {
                p[dst + kk * mr + i] = i < real ? m[src + i * ld + kk] : 0f;
            }
        }
    }

    /**
     * Every group's m weight rows of k as {@link #packRows}' MR strips, group after group {@code roundUp(m, mr) * k}
     * floats apart, in the calling thread's {@link #packedWeights}. {@code transposed}: a 1×1 kernel's rows are
     * {@code weight}'s columns (see {@link #correlateTransposed}), an MR-wide run of a weight row per strip row. Blocks
     * of strips run as tasks from {@value #FLIP_PARALLEL} floats on: the packing streams all the weights, and serially
     * it sat before the split (r1x24: r1x1-768to192-7's 192 × 768, 0.07 ms of a 1.2 ms one-thread forward).
     */
    private float[] packWeights(float[] weight, int groups, int m, int k, boolean transposed) {
        int strips = roundUp(m, mr) / mr;
        int groupFloats = strips * mr * k;
        float[] packed = packedWeights.floats(groups * groupFloats);
        int units = groups * strips;
        int tasks = (long) groups * m * k >= FLIP_PARALLEL ? Math.min(units, 4 * Parallel.threads()) : 1;
        Parallel.forEach(tasks, task -> {
            for (int unit = task * units / tasks; unit < (task + 1) * units / tasks; unit++) {
                int grp = unit / strips;
                int s = unit % strips;
                int rows = Math.min(mr, m - s * mr);
                int at = grp * groupFloats + s * mr * k;
                if (transposed) {
                    packTransposedRows(weight, grp * m * k + s * mr, m, rows, k, packed, at);
                } else {
                    packRows(weight, grp * m * k + s * mr * k, k, rows, k, packed, at);
                }
            }
        });
        return packed;
    }

    /** {@link #packTransposedStrip}, on the kernel's own pack where the strip is whole. */
    private void packTransposedRows(float[] w, int from, int ld, int rows, int k, float[] p, int pOff) {
        if (rows == mr) {
            micro.packColumnStrip(w, from, ld, k, p, pOff);
        } else {
            packTransposedStrip(w, from, ld, rows, k, p, pOff);
        }
    }

    /** One MR strip of rows that are columns: {@code p[pOff + kk*mr + i] = w[from + kk*ld + i]}, zero past {@code rows}. */
    private void packTransposedStrip(float[] w, int from, int ld, int rows, int k, float[] p, int pOff) {
        for (int kk = 0; kk < k; kk++) {
            int dst = pOff + kk * mr;
            System.arraycopy(w, from + kk * ld, p, dst, rows);
            if (rows < mr) {
                java.util.Arrays.fill(p, dst + rows, dst + mr, 0f);
            }
        }
    }

    /** Packs the transpose of a (rows × cols) block, i.e. columns as rows, into MR strips over the rows' index. */
    private float[] packColumns(float[] m, int offset, int ld, int rows, int cols) {
        int strips = roundUp(cols, mr) / mr;
        float[] p = new float[strips * rows * mr];
        for (int r = 0; r < rows; r++) {
            int src = offset + r * ld;
            for (int c = 0; c < cols; c++) {
                p[(c / mr) * rows * mr + r * mr + c % mr] = m[src + c];
            }
        }
        return p;
    }

    /**
     * Packs im2col rows [k0, k0+kc) × columns [v0, v0+nt) into NR strips {@code b[s*kc*nr + kk*nr + j]},
     * zero past the last column; channel ci of the (padded) image starts at {@code srcBase + ci*channelStride}.
     */
    private void packIm2col(ImageLayout l, float[] src, int srcBase, int channelStride, int k0, int kc, int v0, int nt,
                            float[] b, int bOff) {
        int kv = l.tapOffset.length;
        int strips = roundUp(nt, nr) / nr;
        for (int kk = 0; kk < kc; kk++) {
            int k = k0 + kk;
            int ci = k / kv;
            int row = srcBase + ci * channelStride + l.tapOffset[k - ci * kv];
            if (l.virtual) { // the row's columns are one contiguous run
                micro.packStrips(src, row + v0, nt, b, bOff + kk * nr, kc * nr);
                continue;
            }
            for (int s = 0; s < strips; s++) {
                int dst = bOff + s * kc * nr + kk * nr;
                int vs = v0 + s * nr;
                int count = Math.min(nr, v0 + nt - vs);
                for (int j = 0; j < count; j++) { // strided: a gather
                    b[dst + j] = src[row + l.colBase[vs + j]];
                }
                for (int j = count; j < nr; j++) {
                    b[dst + j] = 0f;
                }
            }
        }
    }

    /**
     * Packs the transpose of im2col: rows [k0, k0+kn) become NR strips over the columns [v0, v0+vc):
     * {@code b[s*vc*nr + vv*nr + j] = im2col(k0 + s*nr + j, v0 + vv)}, zero past row k0+kn.
     */
    private void packIm2colTransposed(ImageLayout l, float[] src, int srcBase, int channelStride, int k0, int kn, int v0,
                                      int vc, float[] b, int bOff) {
        int kv = l.tapOffset.length;
        int strips = roundUp(kn, nr) / nr;
        for (int s = 0; s < strips; s++) {
            for (int j = 0; j < nr; j++) {
                int dst = bOff + s * vc * nr + j;
                int kk = s * nr + j;
                if (kk >= kn) {
                    for (int vv = 0; vv < vc; vv++) {
                        b[dst + vv * nr] = 0f;
                    }
                    continue;
                }
                int k = k0 + kk;
                int ci = k / kv;
                int row = srcBase + ci * channelStride + l.tapOffset[k - ci * kv];
                if (l.virtual) {
                    for (int vv = 0; vv < vc; vv++) {
                        b[dst + vv * nr] = src[row + v0 + vv];
                    }
                } else {
                    for (int vv = 0; vv < vc; vv++) {
                        b[dst + vv * nr] = src[row + l.colBase[v0 + vv]];
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- correlate

    @Override
    public float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        return correlate(g, image, weight, false);
    }

    /**
     * The correlation of a 1×1 {@code g} with the transpose of {@code weight}, a kernel of {@link ConvDispatch#flipped}'s
     * original ({@code g}'s image channels as its response channels): the 1×1 input gradient without the transposed
     * copy of the weights, which {@link #correlate} would pack again, both passes serial before the split (r1x24).
     * The same packed values, so the same bits.
     */
    float[] correlateTransposed(ConvGeometry g, float[] image, float[] weight) {
        return correlate(g, image, weight, true);
    }

    /** {@link #correlate}; {@code transposed}: {@code weight} is {@link #correlateTransposed}'s. */
    private float[] correlate(ConvGeometry g, float[] image, float[] weight, boolean transposed) {
        // the forward of one KC block keeps the strided in-place tiles: its im2col packing reads the strided image
        // once, as the subsampling would (h54-1x1-s2-28 0.92x, 8 x 192 x 27² 0.79x on the subsampled image)
        if (subsampledPointwise(g) && g.imageChannels() > KC) {
            return correlate(subsampledGeometry(g), subsample(g, image), weight, transposed);
        }
        if (groupLanesPay(g)) { // before the gather: 32-64 a group too (g32-29)
            return correlateGroupLanes(g, image, weight);
        }
        if (gatherPays(g)) {
            return correlateGather(g, image, weight);
        }
        if (shortGroupsPay(g)) {
            return correlateShortGroups(g, image, weight);
        }
        ImageLayout l = new ImageLayout(g, true);
        if (acrossImagesInPlacePays(l, g)) {
            return correlateAcrossImagesInPlace(g, image, weight, transposed);
        }
        if (acrossImagesPays(l, g)) {
            return correlateAcrossImages(g, image, weight, transposed);
        }
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int k = cg * g.kernelVolume();
        // the packed weights of every group, from the calling thread's own role (no task touches it); the weights
        // themselves are read only here, on the calling thread (ConvDispatch passes flipped ones in its scratch; the
        // across-images forwards above read them in tasks, but never flipped ones: those go through correlateTransposed)
        int groupFloats = roundUp(m, mr) * k;
        float[] packedW = packWeights(weight, groups, m, k, transposed);
        int tiles = (l.columns + NT - 1) / NT;
        int mp = roundUp(m, mr);
        // in place only with one reduction block: accumulating several KC blocks into the response was
        // up to 3x slower than into the L2-resident tile (r3x3-s2 at N=1), one block 1.5x faster (1×1)
        boolean direct = writesInPlace(l, g) && k <= KC;
        // in place, the tiles write every response element: a recycled array is not cleared first (a serial
        // pass over the whole response on the calling thread, 25.7 MB for r1x1-56's flipped scatter)
        float[] out = direct ? Storage.floats(g.responseSize()) : Storage.zeros(g.responseSize());
        // few images and tiles (one small image): blocks of output channels too, so every thread has work;
        // a block repacks the tile's B, which costs little next to the block's multiply-adds
        int rowStrips = mp / mr;
        int units = g.batch() * groups * tiles;
        int rowBlocks = Math.min(rowStrips, (2 * Parallel.threads() + units - 1) / units);
        boolean pointwise = pointwiseLayout(l, g); // p1f50: one image's 1×1 blocks past the first as whole loops too
        Parallel.forEach(units * rowBlocks, task -> {
            int rowBlock = task % rowBlocks;
            int tile = task / rowBlocks % tiles;
            int grp = task / rowBlocks / tiles % groups;
            int n = task / rowBlocks / tiles / groups;
            int co0 = rowBlock * rowStrips / rowBlocks * mr;
            int co1 = Math.min((rowBlock + 1) * rowStrips / rowBlocks * mr, m);
            int v0 = tile * NT;
            int nt = Math.min(NT, l.columns - v0);
            int outBase = (n * g.responseChannels() + grp * m) * g.responsePlane();
            // a padded image is read through the band of it that this tile's windows cover, padded into the
            // thread's workspace: no whole padded copy per call, and the band stays in L2
            int lo = bandStart(l, v0);
            int band = l.needsCopy ? bandLength(l, v0, nt) : 0;
            int bandOff = direct ? KC * NT + mr * nr : mp * LDC + KC * NT;
            float[] work = scratch.floats(bandOff + cg * band);
            float[] src = l.needsCopy ? work : image;
            int srcBase = l.needsCopy ? bandOff - lo : (n * g.imageChannels() + grp * cg) * l.plane;
            int channelStride = l.needsCopy ? band : l.plane;
            if (l.needsCopy) {
                l.padBand(image, n, grp * cg, cg, lo, band, work, bandOff);
            }
            if (direct) {
                gemmInPlace(packedW, grp * groupFloats + co0 * k, k, co1 - co0, nt, out, outBase + co0 * g.responsePlane() + v0,
                        g.responsePlane(), (k0, kc) -> packIm2col(l, src, srcBase, channelStride, k0, kc, v0, nt, work, 0),
                        work, 0, KC * NT);
                return;
            }
            int bOff = mp * LDC;
            gemmTile(packedW, grp * groupFloats + co0 * k, k, roundUp(co1 - co0, mr), nt, work, 0, LDC,
                    (k0, kc) -> packIm2col(l, src, srcBase, channelStride, k0, kc, v0, nt, work, bOff), work, bOff,
                    pointwise);
            for (int co = co0; co < co1; co++) {
                int row = outBase + co * g.responsePlane();
                int c = (co - co0) * LDC;
                if (!l.virtual) { // the columns are the response positions
                    System.arraycopy(work, c, out, row + v0, nt);
                    continue;
                }
                for (int j = 0; j < nt; j++) {
                    int target = l.responseIndex(v0 + j);
                    if (target >= 0) {
                        out[row + target] = work[c + j];
                    }
                }
            }
        });
        return out;
    }

    /** Response positions per task of {@link #correlateGather}, about: whole response rows. */
    static final int GATHER_TILE = 256;

    /**
     * Whether a correlation runs as {@link #correlateGather}: a kernel of more than one tap (a 1×1 one's
     * image rows are read better packed, one contiguous run per channel), one or two register-tile
     * widths of response channels per group (they are the tile's columns there) and response rows at
     * least MR long (a tile's rows are positions along one response row). With few response channels
     * the packed path's im2col is reused by few rows and its packing dominates (c5x5-27: 7.9 against
     * 5.9 ms forward, 9.8 against 5.9 ms for its flipped scatter, 32 channels); with many, the packing
     * is amortized and the in-place reads cost more (r3x3-s2, 128 channels: even; 256 channels on a
     * 14x14 image: 2.3 against 3.2 ms), all thread CPU time under load.
     */
    boolean gatherPays(ConvGeometry g) {
        int m = g.responseChannels() / g.groups();
        return g.kernelVolume() > 1 && m >= nr && m <= 2 * nr && g.response()[2] >= mr;
    }

    /**
     * The correlation as an implicit GEMM with the roles turned, {@code C^T[positions × M] = im2col^T · W^T}:
     * the register tile's rows are MR neighbouring positions of one response row, its columns NR response
     * channels. The positions' image values are broadcast straight from the image (from a padded band of
     * it where there is padding) at a constant spacing, the stride ({@link MicroKernel#multiplyRowGather}),
     * so no im2col is packed (its packing, an index-array gather per element for strided layouts, took a
     * third of a call); the weights are packed once per call as NR strips over the channels. A row's
     * ragged end is computed by the strip that ends with it, through an edge buffer.
     * One task per image, group and run of response rows (and block of channel strips when there are
     * fewer of those than two per thread); reduction blocks at most KC long, in order, so the bits do not
     * depend on the thread count.
     */
    float[] correlateGather(ConvGeometry g, float[] image, float[] weight) {
        ImageLayout l = new ImageLayout(g, false);
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int kv = g.kernelVolume();
        int k = cg * kv;
        int mp = roundUp(m, nr);
        int coStrips = mp / nr;
        int groupFloats = mp * k;
        float[] wt = packedWeights.floats(groups * groupFloats);
        for (int grp = 0; grp < groups; grp++) {
            for (int co = 0; co < mp; co++) {
                int dst = grp * groupFloats + co / nr * k * nr + co % nr;
                int src = (grp * m + co) * k;
                for (int kk = 0; kk < k; kk++) {
                    wt[dst + kk * nr] = co < m ? weight[src + kk] : 0f;
                }
            }
        }
        int width = g.response()[2];
        int step = g.stride()[2];
        int positions = g.responsePlane();
        int rows = positions / width;
        // runs of rows of equal length (28 rows: 7 + 7 + 7 + 7, not 9 + 9 + 9 + 1)
        int tiles = (rows + Math.max(1, GATHER_TILE / width) - 1) / Math.max(1, GATHER_TILE / width);
        int ldct = mp + 16; // not a power of two: the C tile's rows do not share cache sets
        // unit stride on one plane: a tile's rows run together through its padded band (pitch: a padded row), so its
        // strips cross row ends instead of each row's ragged end costing a strip of its own (grp17)
        int pitch = rowsRunOn(l) ? l.padded[2] : 0;
        // runs write every response element: a recycled array is not cleared first
        float[] out = pitch > 0 ? Storage.floats(g.responseSize()) : Storage.zeros(g.responseSize());
        // few images and row runs (one small image): blocks of channel strips too, so every thread has work
        int units = g.batch() * groups * tiles;
        int coBlocks = Math.min(coStrips, (2 * Parallel.threads() + units - 1) / units);
        Parallel.forEach(units * coBlocks, task -> {
            int coBlock = task % coBlocks;
            int tile = task / coBlocks % tiles;
            int grp = task / coBlocks / tiles % groups;
            int n = task / coBlocks / tiles / groups;
            int cs0 = coBlock * coStrips / coBlocks;
            int cs1 = (coBlock + 1) * coStrips / coBlocks;
            int r0 = tile * rows / tiles;
            int v0 = r0 * width;
            int nt = ((tile + 1) * rows / tiles - r0) * width;
            if (pitch > 0) {
                correlateRun(l, g, image, wt, out, n, grp, cs0, cs1, r0, nt / width, pitch, ldct);
                return;
            }
            int lo = bandStart(l, v0);
            int band = l.needsCopy ? bandLength(l, v0, nt) : 0;
            int bandOff = nt * ldct;
            int edge = bandOff + cg * band;
            float[] work = scratch.floats(edge + mr * nr);
            float[] src = l.needsCopy ? work : image;
            int srcBase = l.needsCopy ? bandOff - lo : (n * g.imageChannels() + grp * cg) * l.plane;
            int channelStride = l.needsCopy ? band : l.plane;
            if (l.needsCopy) {
                l.padBand(image, n, grp * cg, cg, lo, band, work, bandOff);
            }
            int[] koff = scratch.ints(k);
            for (int kk = 0; kk < k; kk++) {
                int ci = kk / kv;
                koff[kk] = ci * channelStride + l.tapOffset[kk - ci * kv];
            }
            int wBase = grp * groupFloats;
            for (int k0 = 0; k0 < k; k0 += KC) {
                int kc = Math.min(KC, k - k0);
                for (int cs = cs0; cs < cs1; cs++) {
                    int bStrip = wBase + cs * k * nr + k0 * nr;
                    for (int row = 0; row < nt; row += width) {
                        for (int ow = 0; ow < width; ow += mr) {
                            if (ow + mr <= width) {
                                micro.multiplyRowGather(kc, src, srcBase + l.colBase[v0 + row + ow], step, koff, k0, wt,
                                        bStrip, work, (row + ow) * ldct + cs * nr, ldct, k0 > 0);
                                continue;
                            }
                            // the row's ragged end: the strip that ends with the row, into the edge buffer, and
                            // only its positions past the previous strip into the tile (c + block, as the kernel adds)
                            int at = row + width - mr;
                            micro.multiplyRowGather(kc, src, srcBase + l.colBase[v0 + at], step, koff, k0, wt, bStrip,
                                    work, edge, nr, false);
                            for (int i = ow - (width - mr); i < mr; i++) {
                                int c = (at + i) * ldct + cs * nr;
                                for (int j = 0; j < nr; j++) {
                                    work[c + j] = k0 > 0 ? work[c + j] + work[edge + i * nr + j] : work[edge + i * nr + j];
                                }
                            }
                        }
                    }
                }
            }
            int outBase = (n * g.responseChannels() + grp * m) * positions + v0;
            for (int co = cs0 * nr; co < Math.min(cs1 * nr, m); co++) {
                int row = outBase + co * positions;
                for (int i = 0; i < nt; i++) {
                    out[row + i] = work[i * ldct + co];
                }
            }
        });
        return out;
    }

    /**
     * Whether a correlation runs as {@link #correlateShortGroups} (grp19): groups (depthwise ones have their own path)
     * of fewer response channels than a register tile is wide, so that {@link #correlateGather}'s channel columns
     * would be half empty, a kernel of more than one tap and unit stride on one plane. The packed path's im2col
     * is reused there by one or two MR strips of rows, and packing it cost more than its multiply-adds
     * (g8-3x3-13, 16 channels a group: 1.04 ms against PyTorch's 0.47 forward).
     */
    boolean shortGroupsPay(ConvGeometry g) {
        return g.groups() > 1 && g.responseChannels() / g.groups() < nr && g.kernelVolume() > 1
                && rowsRunOn(new ImageLayout(g, false));
    }

    /**
     * The correlation of short groups ({@link #shortGroupsPay}) as the packed GEMM with B read in place: the
     * register tile's rows are MR response channels of the group (the weights packed once per call as MR strips),
     * its columns NR neighbouring virtual columns of the padded band ({@link MicroKernel#multiplyRowsInPlace}), tap
     * by tap at constant offsets, so no im2col is packed. As {@link #correlateRun}, a task's response rows run
     * as one run of the band (a padded row its pitch, the columns past each row's width computed and dropped),
     * copied with slack for the last strip; reduction blocks at most KC long, in order, so the bits do not depend
     * on the thread count. One task per image, group and run of rows (and block of MR strips when there are fewer
     * of those than two per thread).
     */
    float[] correlateShortGroups(ConvGeometry g, float[] image, float[] weight) {
        ImageLayout l = new ImageLayout(g, false);
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int kv = g.kernelVolume();
        int k = cg * kv;
        int mp = roundUp(m, mr);
        int rowStrips = mp / mr;
        int groupFloats = mp * k;
        float[] packedW = packedWeights.floats(groups * groupFloats);
        for (int grp = 0; grp < groups; grp++) {
            packRows(weight, grp * m * k, k, m, k, packedW, grp * groupFloats);
        }
        int width = g.response()[2];
        int rows = g.response()[1];
        int pitch = l.padded[2];
        int perTile = Math.max(1, GATHER_TILE / width);
        int tiles = (rows + perTile - 1) / perTile; // runs of rows of equal length, as correlateGather's
        float[] out = Storage.floats(g.responseSize()); // the runs write every response element
        int units = g.batch() * groups * tiles;
        int rowBlocks = Math.min(rowStrips, (2 * Parallel.threads() + units - 1) / units);
        Parallel.forEach(units * rowBlocks, task -> {
            int rowBlock = task % rowBlocks;
            int tile = task / rowBlocks % tiles;
            int grp = task / rowBlocks / tiles % groups;
            int n = task / rowBlocks / tiles / groups;
            int r0 = tile * rows / tiles;
            int nRows = (tile + 1) * rows / tiles - r0;
            int s0 = rowBlock * rowStrips / rowBlocks;
            int s1 = (rowBlock + 1) * rowStrips / rowBlocks;
            // grp24: in half strips, the last one at half the multiply-adds (13 × 13: 208 columns against 224)
            int span = roundUp((nRows - 1) * pitch + width, nr / 2);
            int ldc = roundUp(span, nr) + 16; // not a power of two: the tile's rows do not share cache sets
            // whole padded rows, from the run's first, and the slack the last strip's taps read
            int bandRows = (span + l.tapOffset[kv - 1] + pitch - 1) / pitch;
            int band = bandRows * pitch;
            int bandOff = (s1 - s0) * mr * ldc;
            float[] work = scratch.floats(bandOff + cg * band);
            l.padBandRows(ops, image, n, grp * cg, cg, r0, bandRows, work, bandOff);
            int[] koff = bandTaps(l, k, band, bandOff);
            int wBase = grp * groupFloats;
            for (int k0 = 0; k0 < k; k0 += KC) {
                int kc = Math.min(KC, k - k0);
                for (int s = s0; s < s1; s++) {
                    int aOff = wBase + s * mr * k + k0 * mr;
                    int v = 0;
                    for (; v + nr <= span; v += nr) {
                        micro.multiplyRowsInPlace(kc, packedW, aOff, work, koff, k0, v, work, (s - s0) * mr * ldc + v, ldc,
                                k0 > 0);
                    }
                    if (v < span) { // a half strip ends the run
                        micro.multiplyRowsInPlaceHalf(kc, packedW, aOff, work, koff, k0, v, work, (s - s0) * mr * ldc + v,
                                ldc, k0 > 0);
                    }
                }
            }
            int outBase = (n * g.responseChannels() + grp * m) * g.responsePlane() + r0 * width;
            for (int co = s0 * mr; co < Math.min(s1 * mr, m); co++) {
                int c = (co - s0 * mr) * ldc;
                int o = outBase + co * g.responsePlane();
                for (int r = 0; r < nRows; r++) {
                    copyRow(work, c + r * pitch, out, o + r * width, width);
                }
            }
        });
        return out;
    }

    /** Response channels of a group that one {@link #correlateGroupLanes} slice computes: one 512-bit vector. */
    static final int GROUP_LANES = 16;
    /**
     * The narrowest response rows {@link #correlateGroupLanes} (and {@link GroupLaneWeightGradient}) take: fewer
     * positions a tile leave the FMAs waiting. grp59: 7 (was 8): 7-wide rows run the 7-position tiles that 21-wide rows
     * already run; on 7 × 7 planes, 16-64 a group, 3×3 and 5×5, they were 1.2-2.9x faster in thread CPU at one thread
     * than F(2×2, 5×5) Winograd or the short-group GEMM they took before (w7-g2-3x3-7-128's forward 2.71 -> 0.93 ms).
     */
    static final int GROUP_LANES_MIN_WIDTH = 7;
    /**
     * grp59: the narrowest rows {@link #correlateGroupLanes} takes for groups whose last vector is partial: 8 as before.
     * 24 a group on 7 × 7 (one pair block, 8 lanes live in its second vector) read 2.5-3.0 ms in 5 of 6 fresh JVMs
     * against Winograd's 1.4-1.6 (0.97-1.10 in the others): not taken until that slow mode is understood.
     */
    static final int PARTIAL_GROUP_LANES_MIN_WIDTH = 8;
    /**
     * The most response channels a group {@link #correlateGroupLanes} takes (g32-29: 20-64 a group measured 1.0-3x
     * faster than the gather, the short-group GEMM and Winograd in thread CPU, a partial last vector's lanes computed
     * and dropped; wider groups fill the gather's and Winograd's tiles).
     */
    static final int GROUP_LANES_MAX = 64;

    /**
     * Whether a correlation runs as {@link #correlateGroupLanes} (grp27): groups of more than one tap with unit
     * stride on one plane ({@link #shortGroupsPay}'s layout) with {@value #GROUP_LANES} to {@value #GROUP_LANES_MAX}
     * response channels a group, a backend of 16 lanes (512-bit: the scalar loops and narrower vectors keep the GEMM
     * paths), and response rows at least {@value #GROUP_LANES_MIN_WIDTH} wide ({@value #PARTIAL_GROUP_LANES_MIN_WIDTH}
     * where the group's last vector is partial).
     */
    boolean groupLanesPay(ConvGeometry g) {
        int m = g.responseChannels() / g.groups();
        return ops.channelLanes() == GROUP_LANES && g.groups() > 1 && g.kernelVolume() > 1
                && m >= GROUP_LANES && m <= GROUP_LANES_MAX
                && g.response()[2] >= (m % GROUP_LANES == 0 ? GROUP_LANES_MIN_WIDTH : PARTIAL_GROUP_LANES_MIN_WIDTH)
                && rowsRunOn(bandLayout(g));
    }

    /**
     * grp27: the correlation of grouped shapes ({@link #groupLanesPay}) direct, oneDNN's form: a block of one or two
     * vectors of the group's response channels in the lanes × up to {@link VectorOps#groupLanePositions} neighbouring
     * positions of a response row in registers ({@link VectorOps#convGroupLaneRows}), each input value broadcast where
     * it lies in the task's zero-padded band (a row in tiles of near-equal width: no column computed and dropped, as
     * {@link #correlateShortGroups}' runs across the padding do). g32-29: a group of more than 16 channels in blocks of
     * two vectors (each broadcast multiplied into both), the last of one vector where 16 or fewer remain; the lanes
     * past the group's channels hold zero weights, their sums dropped. The weights are packed once a call as
     * [group][block][reduction index][channel]; a block's tile sums, [position][channel], go into the response planes
     * when the block ends. Reduction blocks at most KC long, in order, each from zero: the bits of
     * {@link #correlateShortGroups} and {@link #correlateGather}. One task per image, group and run of rows (and run
     * of channel blocks where those tasks are fewer than two a thread).
     */
    float[] correlateGroupLanes(ConvGeometry g, float[] image, float[] weight) {
        return correlateGroupLanes(g, image, weight, false);
    }

    /**
     * grp51: the unit-stride input gradient on {@link #correlateGroupLanes}: {@code f} is {@link ConvDispatch#flipped}'s
     * geometry and {@code weight} the original kernel, packed flipped and transposed straight from it instead of from
     * {@link #flipTransposed}'s copy (a pass over the whole kernel before the split, h50-g2-5x5-25-128's 800 kB).
     * The same packed values, so the same bits.
     */
    float[] correlateGroupLanesFlipped(ConvGeometry f, float[] response, float[] weight) {
        return correlateGroupLanes(f, response, weight, true);
    }

    /** {@link #correlateGroupLanes}; {@code flipped}: {@code weight} is {@link #correlateGroupLanesFlipped}'s. */
    private float[] correlateGroupLanes(ConvGeometry g, float[] image, float[] weight, boolean flipped) {
        ImageLayout l = bandLayout(g);
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int kv = g.kernelVolume();
        int k = cg * kv;
        // grp28: a kernel's rows are runs of taps one column apart in bandTaps' offsets where the columns' dilation is 1
        int rowTaps = g.dilation()[2] == 1 ? g.kernel()[2] : 0;
        // g32-29: the group's channels in blocks of two vectors where the backend has a kernel for them (each
        // broadcast shared by both), the last block of one where 16 or fewer channels remain; grp49: one-vector
        // slices on rows that one vector's tile covers and two vectors' would split
        int pair = 2 * GROUP_LANES;
        boolean pairs = groupLanePairsPay(g.response()[2], rowTaps);
        int blocks = 0;
        int[] blockStart = new int[(m + GROUP_LANES - 1) / GROUP_LANES];
        int[] blockWidth = new int[blockStart.length];
        int padded = 0;
        while (padded < m) {
            blockStart[blocks] = padded;
            blockWidth[blocks] = pairs && m - padded > GROUP_LANES ? pair : GROUP_LANES;
            padded += blockWidth[blocks++];
        }
        int nBlocks = blocks;
        int mp = padded; // the group's channels with each block's padding lanes
        float[] packedW = packedWeights.floats(groups * mp * k);
        for (int grp = 0; grp < groups; grp++) {
            for (int b = 0; b < nBlocks; b++) {
                int bw = blockWidth[b];
                int dst = (grp * mp + blockStart[b]) * k;
                // grp30: the packed rows written in order (a store a float bw apart cost 4 % of a 9 × 9 forward)
                int live = Math.min(bw, m - blockStart[b]);
                // row i's channel j is W[grp * m + c0 + j][i], or flipped W'[grp * m + c0 + j][i] =
                // W[grp * cg + i / kv][c0 + j][kv - 1 - i % kv] of the original (flipTransposed's element)
                int c0 = blockStart[b];
                int step = flipped ? kv : k;
                for (int i = 0; i < k; i++) {
                    int d = dst + i * bw;
                    int src = flipped ? ((grp * cg + i / kv) * m + c0) * kv + kv - 1 - i % kv : (grp * m + c0) * k + i;
                    for (int j = 0; j < live; j++) {
                        packedW[d + j] = weight[src + j * step];
                    }
                    for (int j = live; j < bw; j++) {
                        packedW[d + j] = 0f;
                    }
                }
            }
        }
        int width = g.response()[2];
        int rows = g.response()[1];
        int plane = g.responsePlane();
        int pitch = l.padded[2];
        int perTile = Math.max(1, GATHER_TILE / width);
        int tiles = (rows + perTile - 1) / perTile; // runs of rows of equal length, as correlateShortGroups'
        float[] out = Storage.floats(g.responseSize()); // the runs write every response element
        int units = g.batch() * groups * tiles;
        int blockSplit = Math.min(nBlocks, (2 * Parallel.threads() + units - 1) / units);
        Parallel.forEach(units * blockSplit, task -> {
            int part = task % blockSplit;
            int tile = task / blockSplit % tiles;
            int grp = task / blockSplit / tiles % groups;
            int n = task / blockSplit / tiles / groups;
            int r0 = tile * rows / tiles;
            int nRows = (tile + 1) * rows / tiles - r0;
            // whole padded rows, from the run's first, to the last tap of the last position
            int bandRows = ((nRows - 1) * pitch + width - 1 + l.tapOffset[kv - 1]) / pitch + 1;
            int band = bandRows * pitch;
            int positions = nRows * width;
            int bandOff = positions * blockWidth[0]; // the sums first: the transpose reads its tile from 0
            float[] work = scratch.floats(bandOff + cg * band);
            l.padBandRows(ops, image, n, grp * cg, cg, r0, bandRows, work, bandOff);
            int[] koff = bandTaps(l, k, band, bandOff);
            int outBase = (n * g.responseChannels() + grp * m) * plane + r0 * width;
            for (int b = part * nBlocks / blockSplit; b < (part + 1) * nBlocks / blockSplit; b++) {
                int bw = blockWidth[b];
                int wBase = (grp * mp + blockStart[b]) * k;
                // a row in tiles of near-equal width, each at most what the kernel holds in registers
                int most = ops.groupLanePositions(bw, rowTaps);
                most = most > 0 ? most : VectorOps.GROUP_LANE_POSITIONS;
                int rowTiles = (width + most - 1) / most;
                for (int r = 0; r < nRows; r++) {
                    for (int t = 0; t < rowTiles; t++) {
                        int x0 = t * width / rowTiles;
                        int count = (t + 1) * width / rowTiles - x0;
                        for (int k0 = 0; k0 < k; k0 += KC) {
                            ops.convGroupLaneRows(work, r * pitch + x0, count, koff, k0, Math.min(KC, k - k0), rowTaps,
                                    packedW, wBase + k0 * bw, bw, work, (r * width + x0) * bw, k0 > 0);
                        }
                    }
                }
                ops.transposeTile(work, bw, positions, Math.min(bw, m - blockStart[b]), out,
                        outBase + blockStart[b] * plane, plane);
            }
        });
        return out;
    }

    /**
     * grp53: the layout of a kernel that reads the image only through padded bands ({@link ImageLayout#padBandRows},
     * {@link ImageLayout#tapOffset}): no column table. {@code new ImageLayout(g, false)} builds one, a fresh int a
     * response position (h50-g2-5x5-25-128: 2.5 kB), up to three times a grouped call (the dispatch's check, the
     * kernel's own check, the kernel), for nothing: 2 % of h50-g8-5x5-15-128's forward samples.
     */
    static ImageLayout bandLayout(ConvGeometry g) {
        return new ImageLayout(g, true, false);
    }

    /**
     * grp49: whether {@link #correlateGroupLanes} runs a group's channels in blocks of two vectors (each broadcast
     * shared by both) on response rows {@code width} wide: not where one vector's tile (21 / 19 positions for kernel
     * rows of 3 / 5 taps) covers a row that two vectors' (12 / 10) would split, as 17-wide rows into 8 + 9; there
     * one-vector slices, a row one tile a slice (h43-g2-5x5-17-64's forward 1.08-1.18x, h45-g4-3x3-17-128's
     * 1.08-1.09x in thread CPU under load 20-25). Rows wider than one vector's tile keep the pairs (g4-3x3-28's
     * 28-wide rows read 0.95-0.98x as two slices' tiles of 14 against three pair tiles). grp55: but not for kernel rows
     * of 5 taps where the row's pair tiles would be wider than {@value #PAIR_POSITIONS_5} positions (the 9- and 10-position
     * pair kernels ran 1.16-1.66x slower than one-vector slices: 27-, 30- and 10-wide rows; 21-wide rows in pair tiles
     * of 7 1.07-1.11x faster than slices, 23-wide in tiles of 8 1.04x; thread CPU, one thread). The same bits.
     */
    boolean groupLanePairsPay(int width, int rowTaps) {
        int pairTile = ops.groupLanePositions(2 * GROUP_LANES, rowTaps);
        if (pairTile <= 0) {
            return false;
        }
        int pairTiles = (width + pairTile - 1) / pairTile;
        // measured on the vector kernels only: the scalar twins keep main's pairs
        if (rowTaps == 5 && ops.channelLanes() > 1 && (width + pairTiles - 1) / pairTiles > PAIR_POSITIONS_5) {
            return false;
        }
        return width <= pairTile || width > ops.groupLanePositions(GROUP_LANES, rowTaps);
    }

    /** grp55: the widest pair tile {@link #groupLanePairsPay} takes for kernel rows of 5 taps. */
    static final int PAIR_POSITIONS_5 = 8;

    /** Reduction index (channel, tap)'s offset in a padded band at {@code bandOff}, channels {@code band} apart. */
    private int[] bandTaps(ImageLayout l, int k, int band, int bandOff) {
        int kv = l.g.kernelVolume();
        int[] koff = scratch.ints(k);
        // grp30: channel by tap, no division: a division an index cost ~12 % of a 16-a-group task on 9 × 9 planes
        for (int ci = 0, kk = 0; kk < k; ci++) {
            int base = bandOff + ci * band;
            for (int t = 0; t < kv; t++, kk++) {
                koff[kk] = base + l.tapOffset[t];
            }
        }
        return koff;
    }

    /**
     * Whether {@link #correlateGather} runs a tile's response rows as one run of its padded band
     * ({@link #correlateRun}): unit stride on one plane, so that a position's next neighbour in the band is the
     * next column, and across a row end the next row's first after {@code padded[2] - width} dropped ones.
     */
    static boolean rowsRunOn(ImageLayout l) {
        ConvGeometry g = l.g;
        return l.padded[0] == 1 && g.stride()[1] == 1 && g.stride()[2] == 1;
    }

    /**
     * One task of {@link #correlateGather} on unit stride: response rows [r0, r0 + nRows) of image n and group grp,
     * channel strips [cs0, cs1), computed as one run of virtual columns of the padded band ({@code pitch} a padded
     * row, the columns past each row's width computed and dropped), in MR strips that cross row ends. The last
     * strip may run past the last row: the band is copied with that much slack (zeros). Each position's sums run
     * over the same KC blocks in the same order as a row-by-row pass, so the bits are those of the ragged-end
     * strips this replaces; what changes is how many strips a row costs: ⌈width / MR⌉ before, about
     * {@code pitch / MR} here (18 wide: 3 against 2.5, 17 wide: 3 against 2.4).
     */
    private void correlateRun(ImageLayout l, ConvGeometry g, float[] image, float[] wt, float[] out, int n, int grp,
                              int cs0, int cs1, int r0, int nRows, int pitch, int ldct) {
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int kv = g.kernelVolume();
        int k = cg * kv;
        int width = g.response()[2];
        int positions = g.responsePlane();
        int run = (nRows - 1) * pitch + width;
        int span = roundUp(run, mr);
        // whole padded rows, from the tile's first
        int bandRows = (span + l.tapOffset[kv - 1] + pitch - 1) / pitch;
        int band = bandRows * pitch;
        int bandOff = span * ldct;
        float[] work = scratch.floats(bandOff + cg * band);
        // always the band, padded or not: the last strip's slack may read past the image's last plane
        l.padBandRows(ops, image, n, grp * cg, cg, r0, bandRows, work, bandOff);
        int[] koff = bandTaps(l, k, band, 0);
        int wBase = grp * roundUp(m, nr) * k;
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            for (int cs = cs0; cs < cs1; cs++) {
                int bStrip = wBase + cs * k * nr + k0 * nr;
                for (int v = 0; v < span; v += mr) {
                    micro.multiplyRowGather(kc, work, bandOff + v, 1, koff, k0, wt, bStrip, work, v * ldct + cs * nr, ldct,
                            k0 > 0);
                }
            }
        }
        int outBase = (n * g.responseChannels() + grp * m) * positions + r0 * width;
        for (int co = cs0 * nr; co < Math.min(cs1 * nr, m); co++) {
            int row = outBase + co * positions;
            for (int r = 0; r < nRows; r++) {
                int c = r * pitch * ldct + co;
                int o = row + r * width;
                for (int i = 0; i < width; i++) {
                    out[o + i] = work[c + i * ldct];
                }
            }
        }
    }

    /**
     * Whether column v of the layout is response position v (strided layouts, and unit-stride ones that
     * drop no column, as 1×1 without padding): then the GEMM writes straight into the response.
     */
    private static boolean writesInPlace(ImageLayout l, ConvGeometry g) {
        return !l.virtual || l.columns == g.responsePlane();
    }

    /**
     * Whether the im2col matrix is the image's channel rows themselves (1×1, unit stride, no padding),
     * on planes of at least {@value #POINT_MIN_PLANE} positions: then the weight gradient runs as dots
     * read straight from the image and the response ({@link #weightGradientPointwise}) where the backend does not
     * take {@link #weightGradientPointwiseInPlace} (r1x49: JDK 17, the scalar kernels). Smaller planes
     * stay on the packed GEMM: there the dots are short and their scalar tails weigh (r1x1-512to128,
     * 14×14: 2.3 ms packed against 6.5 ms as dots).
     */
    static boolean pointwisePays(ImageLayout l, ConvGeometry g) {
        return pointwiseLayout(l, g) && l.plane >= POINT_MIN_PLANE;
    }

    /** Whether the im2col matrix is the image's channel rows themselves: 1×1, unit stride, no padding. */
    static boolean pointwiseLayout(ImageLayout l, ConvGeometry g) {
        return l.virtual && !l.needsCopy && g.kernelVolume() == 1 && l.columns == g.responsePlane();
    }

    static final int POINT_MIN_PLANE = 512;

    /**
     * {@code C = A · B} for one column tile and a reduction of at most KC, C written in place (row stride
     * {@code ldc}, {@code m} rows): full register tiles straight into C, the ragged edge (rows past m,
     * columns past nt) through an MR × NR buffer at {@code edgeOff} in {@code b}, with the same arithmetic,
     * so the bits do not depend on where a tile falls.
     */
    private void gemmInPlace(float[] a, int aOff, int k, int m, int nt, float[] c, int cOff, int ldc, BlockPacker packB,
                             float[] b, int bOff, int edgeOff) {
        int strips = roundUp(nt, nr) / nr;
        int rowStrips = roundUp(m, mr) / mr;
        packB.pack(0, k);
        for (int ns = 0; ns < strips; ns++) {
            int bStrip = bOff + ns * k * nr;
            int cols = Math.min(nr, nt - ns * nr);
            for (int ms = 0; ms < rowStrips; ms++) {
                int rows = Math.min(mr, m - ms * mr);
                int at = cOff + ms * mr * ldc + ns * nr;
                if (rows == mr && cols == nr) {
                    micro.multiply(k, a, aOff + ms * k * mr, b, bStrip, c, at, ldc, false);
                    continue;
                }
                if (cols <= nr / 2) { // onex13: a strip at most half full, half the multiply-adds
                    micro.multiplyHalf(k, a, aOff + ms * k * mr, b, bStrip, b, edgeOff, nr, false);
                } else {
                    micro.multiply(k, a, aOff + ms * k * mr, b, bStrip, b, edgeOff, nr, false);
                }
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(b, edgeOff + i * nr, c, at + i * ldc, cols);
                }
            }
        }
    }

    /** Packs a B block for reduction rows [k0, k0 + kc). */
    private interface BlockPacker {
        void pack(int k0, int kc);
    }

    /**
     * {@code C[mp x ldc] = A · B} for one column tile of width {@code nt}: A packed in MR strips with
     * reduction length {@code k} from {@code aOff}, B packed block by block (KC rows at a time) into {@code b} at {@code bOff}.
     */
    private void gemmTile(float[] a, int aOff, int k, int mp, int nt, float[] c, int cOff, int ldc, BlockPacker packB,
                          float[] b, int bOff) {
        gemmTile(a, aOff, k, mp, nt, c, cOff, ldc, packB, b, bOff, false);
    }

    /** {@link #gemmTile}; {@code wholeBlocks}: the blocks after the first through {@link MicroKernel#multiplyAddBlock}. */
    private void gemmTile(float[] a, int aOff, int k, int mp, int nt, float[] c, int cOff, int ldc, BlockPacker packB,
                          float[] b, int bOff, boolean wholeBlocks) {
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            packB.pack(k0, kc);
            multiplyBlock(kc, k0 > 0, a, aOff + k0 * mr, k * mr, mp, nt, b, bOff, c, cOff, ldc, wholeBlocks);
        }
    }

    /**
     * One reduction block of {@link #gemmTile}: {@code C += A · B} over {@code kc} steps (C set, not added, where
     * {@code !accumulate}), A's MR strips {@code aStride} apart from {@code aOff}, B's NR strips packed at {@code bOff};
     * {@code wholeBlocks}: an accumulating block through {@link MicroKernel#multiplyAddBlock}. The kernel each strip
     * takes, so the order of every sum, is decided here only (x1b61's tiles run these same calls).
     */
    private void multiplyBlock(int kc, boolean accumulate, float[] a, int aOff, int aStride, int mp, int nt, float[] b,
                               int bOff, float[] c, int cOff, int ldc, boolean wholeBlocks) {
        int strips = roundUp(nt, nr) / nr;
        // BLIS order: one B strip stays in L1 while the A strips stream past it
        for (int ns = 0; ns < strips; ns++) {
            int bStrip = bOff + ns * kc * nr;
            boolean half = nt - ns * nr <= nr / 2; // onex13: callers read C's columns below nt only
            for (int ms = 0; ms < mp / mr; ms++) {
                int at = aOff + ms * aStride;
                int ct = cOff + ms * mr * ldc + ns * nr;
                if (half) {
                    micro.multiplyHalf(kc, a, at, b, bStrip, c, ct, ldc, accumulate);
                } else if (wholeBlocks && accumulate) {
                    micro.multiplyAddBlock(kc, a, at, b, bStrip, c, ct, ldc);
                } else {
                    micro.multiply(kc, a, at, b, bStrip, c, ct, ldc, accumulate);
                }
            }
        }
    }

    /**
     * {@link #gemmTile}'s loops with A's rows read in place ({@link MicroKernel#multiplyARowsInPlace}): row i of A is
     * {@code w[aRows[i] + kk]}. Each element sums its k in order from +0 a block, C added after, as {@link #gemmTile}'s
     * kernels: the same bits as on the packed weights.
     */
    private void gemmTileWeightRows(float[] w, int[] aRows, int k, int mp, int nt, float[] c, int cOff, int ldc,
                                    BlockPacker packB, float[] b, int bOff) {
        int strips = roundUp(nt, nr) / nr;
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            packB.pack(k0, kc);
            for (int ns = 0; ns < strips; ns++) {
                int bStrip = bOff + ns * kc * nr;
                boolean half = nt - ns * nr <= nr / 2;
                for (int ms = 0; ms < mp / mr; ms++) {
                    int cAt = cOff + ms * mr * ldc + ns * nr;
                    if (half) {
                        micro.multiplyARowsInPlaceHalf(kc, w, aRows, ms * mr, k0, b, bStrip, c, cAt, ldc, k0 > 0);
                    } else {
                        micro.multiplyARowsInPlace(kc, w, aRows, ms * mr, k0, b, bStrip, c, cAt, ldc, k0 > 0);
                    }
                }
            }
        }
    }

    /** The first padded-image position that columns from v0 on read. */
    private static int bandStart(ImageLayout l, int v0) {
        return l.virtual ? v0 : l.colBase[v0];
    }

    /** How many padded-image positions per channel the windows of columns [v0, v0 + count) span. */
    private static int bandLength(ImageLayout l, int v0, int count) {
        int last = l.virtual ? v0 + count - 1 : l.colBase[v0 + count - 1];
        return last + l.tapOffset[l.tapOffset.length - 1] + 1 - bandStart(l, v0);
    }

    // ---------------------------------------------------------------- scatter

    @Override
    public float[] scatter(ConvGeometry g, float[] response, float[] weight) {
        if (subsampledPointwise(g)) {
            ConvGeometry dense = ConvDispatch.flipped(subsampledGeometry(g));
            if (expandsInTiles(g, dense)) {
                return scatterExpandedInTiles(g, dense, response, weight);
            }
            return expand(g, correlateTransposed(dense, response, weight));
        }
        ImageLayout l = new ImageLayout(g, false);
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int kv = g.kernelVolume();
        int k = cg * kv;
        // tasks: blocks of image channels of one image and group, so that one image splits over the threads
        // too; an image element is summed by one task, over the tiles and its channel's taps in order
        int blocks = Math.min(cg, (2 * Parallel.threads() + g.batch() * groups - 1) / (g.batch() * groups));
        int[] firstChannel = new int[blocks + 1];
        for (int b = 0; b <= blocks; b++) {
            firstChannel[b] = b * cg / blocks;
        }
        float[][] packedWt = new float[groups * blocks][];
        for (int grp = 0; grp < groups; grp++) {
            for (int b = 0; b < blocks; b++) {
                packedWt[grp * blocks + b] = packColumns(weight, grp * m * k + firstChannel[b] * kv, k, m,
                        (firstChannel[b + 1] - firstChannel[b]) * kv);
            }
        }
        float[] image = Storage.zeros(g.imageSize());
        int tiles = (l.columns + NT - 1) / NT;
        Parallel.forEach(g.batch() * groups * blocks, task -> {
            int block = task % blocks;
            int grp = task / blocks % groups;
            int n = task / blocks / groups;
            int c0 = firstChannel[block];
            int channels = firstChannel[block + 1] - c0;
            int kn = channels * kv;
            int kp = roundUp(kn, mr);
            float[] work = scratch.floats(kp * LDC + KC * NT + channels * l.plane);
            int bOff = kp * LDC;
            int gradOff = bOff + KC * NT;
            Arrays.fill(work, gradOff, gradOff + channels * l.plane, 0f);
            int resBase = (n * g.responseChannels() + grp * m) * g.responsePlane();
            for (int tile = 0; tile < tiles; tile++) {
                int v0 = tile * NT;
                int nt = Math.min(NT, l.columns - v0);
                gemmTile(packedWt[grp * blocks + block], 0, m, kp, nt, work, 0, LDC,
                        (m0, mc) -> packResponse(response, resBase, g.responsePlane(), m0, mc, v0, nt, work, bOff),
                        work, bOff);
                for (int kk = 0; kk < kn; kk++) {
                    int ci = kk / kv;
                    int row = gradOff + ci * l.plane + l.tapOffset[kk - ci * kv];
                    int c = kk * LDC;
                    for (int j = 0; j < nt; j++) {
                        work[row + l.colBase[v0 + j]] += work[c + j];
                    }
                }
            }
            if (l.needsCopy) {
                l.cropAdd(work, gradOff, image, n, grp * cg + c0, channels);
            } else {
                System.arraycopy(work, gradOff, image, (n * g.imageChannels() + grp * cg + c0) * g.imagePlane(),
                        channels * l.plane);
            }
        });
        return image;
    }

    /** Packs response rows [m0, m0+mc) × columns [v0, v0+nt) into NR strips (columns are response positions). */
    private void packResponse(float[] response, int base, int ld, int m0, int mc, int v0, int nt, float[] b, int bOff) {
        for (int mm = 0; mm < mc; mm++) {
            micro.packStrips(response, base + (m0 + mm) * ld + v0, nt, b, bOff + mm * nr, mc * nr);
        }
    }

    /** W'[grp*Cg + ci][co][tap] = W[grp*M + co][ci][KV-1-tap]: the weight of {@link ConvDispatch#flipped}. */
    static float[] flipTransposed(ConvGeometry g, float[] weight) {
        return flipTransposed(g, weight, new float[weight.length]);
    }

    /** {@link #flipTransposed(ConvGeometry, float[])} into {@code out} (at least as long as the weights). */
    static float[] flipTransposed(ConvGeometry g, float[] weight, float[] out) {
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int kv = g.kernelVolume();
        if (kv == 1) {
            return transposeBlocks(weight, groups, m, cg, out);
        }
        // blocks of image channels, a task each where the weights are large (r3x3-14's 256 x 256 took 0.74 ms on the
        // calling thread before the correlation's split): per response channel one contiguous read of the block's
        // kernels, written FLIP_BLOCK rows of W' at a time
        int ciBlocks = (cg + FLIP_BLOCK - 1) / FLIP_BLOCK;
        int tasks = weight.length >= FLIP_PARALLEL ? groups * ciBlocks : 1;
        Parallel.forEach(tasks, task -> {
            int first = task * groups * ciBlocks / tasks;
            int last = (task + 1) * groups * ciBlocks / tasks;
            for (int b = first; b < last; b++) {
                int grp = b / ciBlocks;
                int ci0 = b % ciBlocks * FLIP_BLOCK;
                int ci1 = Math.min(cg, ci0 + FLIP_BLOCK);
                for (int co = 0; co < m; co++) {
                    for (int ci = ci0; ci < ci1; ci++) {
                        int src = ((grp * m + co) * cg + ci) * kv;
                        int dst = ((grp * cg + ci) * m + co) * kv;
                        for (int t = 0; t < kv; t++) {
                            out[dst + t] = weight[src + kv - 1 - t];
                        }
                    }
                }
            }
        });
        return out;
    }

    /** Image channels per block of {@link #flipTransposed}: rows of W' written together. */
    private static final int FLIP_BLOCK = 16;
    /** Weights from which {@link #flipTransposed} splits its blocks over the threads (a pass costs a hand-off). */
    private static final int FLIP_PARALLEL = 1 << 16;

    // ---------------------------------------------------------------- weight gradient

    @Override
    public float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        if (subsampledPointwise(g)) {
            ConvGeometry dense = subsampledGeometry(g);
            ImageLayout l = new ImageLayout(dense, true);
            float[] x = subsample(g, image);
            // the strided path's arithmetic (weightGradientPacked's order) on every backend: not the dots
            return micro.pointwiseWeightGradientInPlace() ? weightGradientPointwiseInPlace(dense, l, x, response)
                    : pointwiseSmallPlane(l, dense) ? weightGradientPointwisePacked(dense, l, x, response)
                    : weightGradientPacked(dense, l, x, response);
        }
        ImageLayout l = new ImageLayout(g, true);
        if (micro.pointwiseWeightGradientInPlace() && pointwiseLayout(l, g)) {
            return weightGradientPointwiseInPlace(g, l, image, response);
        }
        if (pointwisePays(l, g)) {
            return weightGradientPointwise(g, l, image, response);
        }
        if (pointwiseSmallPlane(l, g)) {
            return weightGradientPointwisePacked(g, l, image, response);
        }
        return rowsPay(g, l) ? weightGradientRows(g, l, image, response) : weightGradientPacked(g, l, image, response);
    }

    /** Response rows per pointwise weight-gradient tile. */
    static final int POINT_ROWS = 64;
    /** Image channels per pointwise weight-gradient tile: with {@link #POINT_ROWS}, 512 KB of lane accumulators. */
    static final int POINT_CHANNELS = 128;
    /** Positions per pass of a pointwise tile: its rows' runs (2 × 64 × 4 KB) stay in L2 while every block reads them. */
    static final int POINT_CHUNK = 1024;

    /**
     * The weight gradient of a 1×1, unit-stride, unpadded convolution, {@code dW[co][ci] = Σ_n Σ_v dy_n[co][v] ·
     * x_n[ci][v]}, as 4 × 4 blocks of dot products ({@link MicroKernel#dotBlock}) read straight from the
     * response and the image, both contiguous along the positions: no copies nor transposes (the packed
     * GEMM transposed both operands with scalar gathers, as costly as the multiply-adds). Tiles of at
     * most {@value #POINT_ROWS} × {@value #POINT_CHANNELS} weights keep their lane accumulators in L2, the
     * positions go in chunks of {@value #POINT_CHUNK} so that a chunk's rows stay in L2 too; positions past
     * the last whole vector are added into their lanes by a scalar loop, so every weight is summed in the
     * same order whatever the tiles and the thread count.
     */
    float[] weightGradientPointwise(ConvGeometry g, ImageLayout l, float[] image, float[] response) {
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int plane = l.plane;
        int lanes = micro.dotLanes();
        int mQuads = (m + 3) / 4;
        int rowBlocks = (m + POINT_ROWS - 1) / POINT_ROWS;
        int channelBlocks = Math.min(cg, Math.max((cg + POINT_CHANNELS - 1) / POINT_CHANNELS,
                (Parallel.threads() + groups * rowBlocks - 1) / (groups * rowBlocks)));
        int tiles = groups * rowBlocks * channelBlocks;
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(tiles, task -> {
            int grp = task / (rowBlocks * channelBlocks);
            int rb = task / channelBlocks % rowBlocks;
            int cb = task % channelBlocks;
            // rows dealt out by quads: only the last block can end in a ragged quad (M not a multiple of 4)
            int co0 = rb * mQuads / rowBlocks * 4;
            int rows = Math.min((rb + 1) * mQuads / rowBlocks * 4, m) - co0;
            int ci0 = cb * cg / channelBlocks;
            int channels = (cb + 1) * cg / channelBlocks - ci0;
            int rowQuads = (rows + 3) / 4;
            int tapQuads = (channels + 3) / 4;
            float[] acc = scratch.floats(rowQuads * tapQuads * 16 * lanes);
            Arrays.fill(acc, 0, rowQuads * tapQuads * 16 * lanes, 0f);
            for (int n = 0; n < g.batch(); n++) {
                int dyBase = (n * g.responseChannels() + grp * m + co0) * plane;
                int xBase = (n * g.imageChannels() + grp * cg + ci0) * plane;
                for (int v0 = 0; v0 < plane; v0 += POINT_CHUNK) {
                    int count = Math.min(POINT_CHUNK, plane - v0);
                    int len = count / lanes * lanes;
                    for (int rq = 0; rq < rowQuads; rq++) {
                        int r0 = dyBase + 4 * rq * plane + v0;
                        int quadRows = Math.min(4, rows - 4 * rq);
                        for (int tq = 0; tq < tapQuads; tq++) {
                            int at = (rq * tapQuads + tq) * 16 * lanes;
                            int c = 4 * tq;
                            int x0 = xBase + c * plane + v0;
                            if (quadRows == 4) {
                                // a ragged channel quad repeats its last channel: those sums are never read
                                int x1 = xBase + Math.min(c + 1, channels - 1) * plane + v0;
                                int x2 = xBase + Math.min(c + 2, channels - 1) * plane + v0;
                                int x3 = xBase + Math.min(c + 3, channels - 1) * plane + v0;
                                micro.dotBlock(len, response, r0, plane, image, x0, x1, x2, x3, acc, at);
                                // r1x30: the tail past the last whole vector as one, where a vector's floats are there
                                // to read (the next row's); the scalar loop was as long as the vectors on 27² planes
                                if (len < count && r0 + 3 * plane + len + lanes <= response.length
                                        && x3 + len + lanes <= image.length) {
                                    micro.dotBlockTail(len, count - len, response, r0, plane, image, x0, x1, x2, x3, acc, at);
                                } else {
                                    pointwiseDots(len, count, lanes, response, r0, plane, 4, image, x0,
                                            Math.min(4, channels - c), acc, at);
                                }
                            } else { // the last rows when M is not a multiple of 4: rare, scalar
                                pointwiseDots(0, count, lanes, response, r0, plane, quadRows, image, x0,
                                        Math.min(4, channels - c), acc, at);
                            }
                        }
                    }
                }
            }
            sumLanesInOrder(acc, rows, channels, tapQuads, lanes, dw, grp * m + co0, cg, ci0);
        });
        return dw;
    }

    /**
     * Positions [from, to) of a 4 × 4 block of dots into their lanes ({@code v mod lanes}, v counted from
     * the chunk's start, in index order), for the rows and channels that exist: the tails past the last whole vector, and ragged blocks.
     */
    private static void pointwiseDots(int from, int to, int lanes, float[] d, int dOff, int ldd, int rows, float[] x,
                                      int xOff, int channels, float[] acc, int accOff) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < channels; j++) {
                int at = accOff + (4 * i + j) * lanes;
                int row = dOff + i * ldd;
                int col = xOff + j * ldd;
                for (int v = from; v < to; v++) {
                    acc[at + v % lanes] += d[row + v] * x[col + v];
                }
            }
        }
    }

    /**
     * Whether the weight gradient runs as dot products along the positions: unit strides (the image
     * rows are then runs of the padded image), a kernel of 2 to {@value #ROWS_MAX_TAPS} taps and at most
     * {@value #ROWS_MAX_CHANNELS} response channels per group. The packed GEMM transposes both operands,
     * a cost per multiply-add that falls as 1/M; the dots pay for the virtual columns and their lane
     * accumulators instead. Measured (thread CPU time, one thread): the dots 1.3-2.2x faster on 3×3 with
     * 32-64 response channels, even at 96-128, 1.4x slower at 256; 2.5x slower on 1×1 (one tap: the copies
     * weigh as much as the multiply-adds). 5×5 (grp19, Zen 4): 1.2-2.9x faster with 16-64 response channels
     * per group, grouped or dense (g4-5x5-21 5.9 -> 2.9 ms, 16 a group, where the packed path transposed the
     * response for every column block of a group), and 4×4 1.1-2.8x; an earlier host had 5×5 1.1x slower.
     */
    static boolean rowsPay(ConvGeometry g, ImageLayout l) {
        int kv = g.kernelVolume();
        return l.virtual && kv > 1 && kv <= ROWS_MAX_TAPS && g.responseChannels() / g.groups() <= ROWS_MAX_CHANNELS;
    }

    static final int ROWS_MAX_TAPS = 25;
    static final int ROWS_MAX_CHANNELS = 64;

    /** Rows of response channels per weight-gradient tile: with {@link #TILE_TAPS} its accumulators stay in L2. */
    static final int TILE_ROWS = 64;
    /** Image rows (channel × tap) per weight-gradient tile, at most. */
    static final int TILE_TAPS = 288;
    /** Floats of image and response copies per tile pass (several small images at once, one large one). */
    private static final int ROWS_BUDGET = 128 * 1024;
    /** Positions per dot at least (when the batch has them): shorter ones spend their time on the accumulators. */
    private static final int MIN_DOT = 1024;

    /**
     * The unit-stride weight gradient as dot products along the positions, where both operands are
     * contiguous: {@code dW[co][ci·KV + tap] = Σ_n Σ_v dy_n[co][v] · padded_n[ci][tapOffset + v]}, four
     * response rows by four image rows at a time on {@link MicroKernel#dotBlock}, with no transposed
     * copies (packing the transposes cost as much as the multiply-adds). Tiles of at most
     * {@value #TILE_ROWS} × {@value #TILE_TAPS} weights each keep their lane accumulators in L2 across
     * the whole batch; several images are laid end to end (slots of a padded plane, the response's
     * dropped and trailing columns zero) so that one dot runs over all of them. Every weight is summed by
     * one tile in one order, whatever the thread count.
     */
    private float[] weightGradientRows(ConvGeometry g, ImageLayout l, float[] image, float[] response) {
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int kv = g.kernelVolume();
        int k = cg * kv;
        int lanes = micro.dotLanes();
        int used = roundUp(l.columns, lanes);       // the positions the last image of a run needs
        // one image's positions: its padded plane, the zero padding it shares with the next image's left out
        // (g4-5x5-19-96: 496 for 529 against 544; the virtual columns of a slot are what the dots cost)
        int slot = roundUp(Math.max(l.plane - l.sharedZeros(), l.columns), lanes);
        int rowBlocks = (m + TILE_ROWS - 1) / TILE_ROWS;
        int tileRows = roundUp((m + rowBlocks - 1) / rowBlocks, 4);
        // enough images per pass for a long dot (the lane accumulators are loaded and stored once per
        // dot), then as many channels as the copies' budget leaves, at most TILE_TAPS rows of the kernel
        int run = Math.min(g.batch(), (MIN_DOT + slot - 1) / slot);
        int channelsPerTile = Math.max(1, TILE_TAPS / kv);
        if (run > 1) { // several small images: their copies within the budget, but not so few channels
            // that the response copies (one per channel block) cost more than a few percent
            channelsPerTile = Math.min(channelsPerTile, Math.max((63 + kv) / kv, ROWS_BUDGET / (run * slot) - tileRows));
        }
        // a tile per thread at least, equal shares (how the channels are dealt out does not change a
        // weight's sum: each is summed by one tile in the same order); more would repeat the response copies
        int channelBlocks = Math.min(cg, Math.max((cg + channelsPerTile - 1) / channelsPerTile,
                (Parallel.threads() + groups * rowBlocks - 1) / (groups * rowBlocks)));
        int tiles = groups * rowBlocks * channelBlocks;
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(tiles, task -> {
            int grp = task / (rowBlocks * channelBlocks);
            int rb = task / channelBlocks % rowBlocks;
            int cb = task % channelBlocks;
            int co0 = rb * m / rowBlocks;
            int rows = (rb + 1) * m / rowBlocks - co0;
            int ci0 = cb * cg / channelBlocks;
            int channels = (cb + 1) * cg / channelBlocks - ci0;
            int kn = channels * kv;
            int rowQuads = (rows + 3) / 4;
            int tapQuads = (kn + 3) / 4;
            int ld = run * slot;                     // row length of the copies
            int tail = l.plane - slot + lanes;       // the last image's plane past its slot, and the last taps' reads
            int xStride = ld + tail;                 // an image channel's copies and that zero tail
            int accFloats = rowQuads * tapQuads * 16 * lanes;
            int xOff = accFloats;
            int dOff = xOff + channels * xStride;
            float[] work = scratch.floats(dOff + rowQuads * 4 * ld);
            Arrays.fill(work, 0, accFloats, 0f);
            for (int n0 = 0; n0 < g.batch(); n0 += run) {
                int count = Math.min(run, g.batch() - n0);
                for (int j = 0; j < count; j++) {
                    int n = n0 + j;
                    for (int c = 0; c < channels; c++) {
                        int at = xOff + c * xStride + j * slot;
                        Arrays.fill(work, at, at + slot, 0f);
                        int src = (n * g.imageChannels() + grp * cg + ci0 + c) * g.imagePlane();
                        copyRows(image, src, g.image(), work, at + (g.padLeft()[0] * l.padded[1] + g.padLeft()[1])
                                * l.padded[2] + g.padLeft()[2], l.padded);
                    }
                    for (int r = 0; r < rowQuads * 4; r++) {
                        int at = dOff + r * ld + j * slot;
                        Arrays.fill(work, at, at + slot, 0f);
                        if (r < rows) {
                            int src = (n * g.responseChannels() + grp * m + co0 + r) * g.responsePlane();
                            copyRows(response, src, g.response(), work, at, l.padded);
                        }
                    }
                }
                for (int c = 0; c < channels; c++) {
                    int at = xOff + c * xStride + count * slot;
                    Arrays.fill(work, at, at + tail, 0f);
                }
                int len = (count - 1) * slot + used;
                for (int rq = 0; rq < rowQuads; rq++) {
                    for (int tq = 0; tq < tapQuads; tq++) {
                        micro.dotBlock(len, work, dOff + rq * 4 * ld, ld, work,
                                tapRow(l, xOff, xStride, kv, Math.min(4 * tq, kn - 1)),
                                tapRow(l, xOff, xStride, kv, Math.min(4 * tq + 1, kn - 1)),
                                tapRow(l, xOff, xStride, kv, Math.min(4 * tq + 2, kn - 1)),
                                tapRow(l, xOff, xStride, kv, Math.min(4 * tq + 3, kn - 1)),
                                work, (rq * tapQuads + tq) * 16 * lanes);
                    }
                }
            }
            sumLanesInOrder(work, rows, kn, tapQuads, lanes, dw, grp * m + co0, k, ci0 * kv);
        });
        return dw;
    }

    /**
     * Copies a dense (D, H, W) block from {@code src[so]} into rows of a padded (Dp, Hp, Wp) plane at
     * {@code out[at]}: the image into its padded plane, or a response into its virtual columns ({@link #copyRow}).
     */
    private static void copyRows(float[] src, int so, int[] dense, float[] out, int at, int[] padded) {
        int w = dense[2];
        for (int d = 0; d < dense[0]; d++) {
            for (int h = 0; h < dense[1]; h++) {
                int from = so + (d * dense[1] + h) * w;
                copyRow(src, from, out, at + (d * padded[1] + h) * padded[2], w);
            }
        }
    }

    /**
     * Copies {@code w} floats: short rows by a plain loop, where an arraycopy call per row cost more than the copying
     * (grp19: 13-wide rows, g8-3x3-13's forward 1.05-1.2 against 0.82 ms under load).
     */
    private static void copyRow(float[] src, int from, float[] out, int to, int w) {
        if (w >= 32) {
            System.arraycopy(src, from, out, to, w);
            return;
        }
        for (int i = 0; i < w; i++) {
            out[to + i] = src[from + i];
        }
    }

    /** Where image row {@code t} (channel t / KV of the tile, tap t % KV) starts in the copies. */
    private static int tapRow(ImageLayout l, int xOff, int xStride, int kv, int t) {
        return xOff + t / kv * xStride + l.tapOffset[t % kv];
    }

    /**
     * The strided weight gradient: {@code dW[M x K] = Σ_n response_n · im2col_n^T} on the packed
     * micro-kernel, split over column blocks of dW.
     */
    private float[] weightGradientPacked(ConvGeometry g, ImageLayout l, float[] image, float[] response) {
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int k = cg * g.kernelVolume();
        int mp = roundUp(m, mr);
        int maxBand = 0;
        for (int v0 = 0; l.needsCopy && v0 < l.columns; v0 += KC) {
            maxBand = Math.max(maxBand, bandLength(l, v0, Math.min(KC, l.columns - v0)));
        }
        int bandFloats = maxBand;
        // column blocks of at most 256, NR strips dealt out evenly so that the threads' shares are equal
        // (blocks of one width and a short last one left a thread idle); two tasks per thread when there
        // are strips enough, else one: every block transposes the whole response again, which costs as much
        // as a block's multiply-adds on short reductions (resnet-stem: 147 columns)
        int blocks = columnBlocks(k, nr, groups);
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(groups * blocks, task -> {
            int grp = task / blocks;
            int block = task % blocks;
            int k0 = columnBlockStart(block, blocks, k, nr);
            int kn = columnBlockStart(block + 1, blocks, k, nr) - k0;
            int knp = roundUp(kn, nr);
            int ldc = knp + 16;
            // the image channels this block's rows read, padded band by band (as in correlate)
            int ci0 = k0 / g.kernelVolume();
            int channels = (k0 + kn - 1) / g.kernelVolume() + 1 - ci0;
            int cOff = mp * KC + knp * KC;
            int bandOff = cOff + mp * ldc;
            float[] work = scratch.floats(bandOff + channels * bandFloats);
            float[] c = work;
            boolean first = true;
            for (int n = 0; n < g.batch(); n++) {
                int dyBase = (n * g.responseChannels() + grp * m) * g.responsePlane();
                for (int v0 = 0; v0 < l.columns; v0 += KC) {
                    int vc = Math.min(KC, l.columns - v0);
                    float[] src = image;
                    int srcBase = (n * g.imageChannels() + grp * cg) * l.plane;
                    int channelStride = l.plane;
                    if (l.needsCopy) {
                        int lo = bandStart(l, v0);
                        int band = bandLength(l, v0, vc);
                        l.padBand(image, n, grp * cg + ci0, channels, lo, band, work, bandOff);
                        src = work;
                        srcBase = bandOff - lo - ci0 * band;
                        channelStride = band;
                    }
                    packResponseTransposed(l, response, dyBase, g.responsePlane(), m, v0, vc, work);
                    int bOff = mp * vc;
                    packIm2colTransposed(l, src, srcBase, channelStride, k0, kn, v0, vc, work, bOff);
                    for (int ms = 0; ms < mp / mr; ms++) {
                        for (int ns = 0; ns < knp / nr; ns++) {
                            micro.multiply(vc, work, ms * vc * mr, work, bOff + ns * vc * nr, c,
                                    cOff + ms * mr * ldc + ns * nr, ldc, !first);
                        }
                    }
                    first = false;
                }
            }
            for (int co = 0; co < m; co++) {
                System.arraycopy(c, cOff + co * ldc, dw, (grp * m + co) * k + k0, kn);
            }
        });
        return dw;
    }

    /**
     * Packs columns [v0, v0+vc) of the m response rows (planes {@code ld} apart) as MR strips over the
     * rows: a[s*vc*mr + vv*mr + i]; a virtual layout's dropped columns read as zeros.
     */
    private void packResponseTransposed(ImageLayout l, float[] response, int base, int ld, int m, int v0, int vc,
                                        float[] a) {
        int strips = roundUp(m, mr) / mr;
        for (int s = 0; s < strips; s++) {
            for (int i = 0; i < mr; i++) {
                int r = s * mr + i;
                int dst = s * vc * mr + i;
                if (r >= m) {
                    for (int vv = 0; vv < vc; vv++) {
                        a[dst + vv * mr] = 0f;
                    }
                    continue;
                }
                int src = base + r * ld;
                if (l.virtual) {
                    for (int vv = 0; vv < vc; vv++) {
                        int at = l.responseIndex(v0 + vv);
                        a[dst + vv * mr] = at < 0 ? 0f : response[src + at];
                    }
                } else {
                    for (int vv = 0; vv < vc; vv++) {
                        a[dst + vv * mr] = response[src + v0 + vv];
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- gemm7: 1×1 on small planes

    /**
     * A 1×1, unit-stride, unpadded weight gradient on planes too small for {@link #weightGradientPointwise}'s
     * dots (r1x1-512to128, 14×14): the packed GEMM, with the response transposed once per call instead of
     * once per column block of dW; while that transposed copy stays within {@value #POINT_TRANSPOSED_MAX} floats.
     */
    boolean pointwiseSmallPlane(ImageLayout l, ConvGeometry g) {
        long transposed = (long) g.groups() * g.batch() * roundUp(g.responseChannels() / g.groups(), mr) * l.plane;
        return pointwiseLayout(l, g) && l.plane < POINT_MIN_PLANE && transposed <= POINT_TRANSPOSED_MAX;
    }

    /** Floats of {@link #weightGradientPointwisePacked}'s transposed response at most (16 MB). */
    static final int POINT_TRANSPOSED_MAX = 1 << 22;

    /**
     * {@link #weightGradientPacked}'s arithmetic for {@link #pointwiseSmallPlane} geometries, in the same order
     * (images, then column chunks of KC positions, each a reduction into dW's tile), so the same bits. The
     * packed blocks there each transposed the whole response again, so two threads (four blocks) transposed it
     * four times; here a first pass transposes it once into MR strips, one task per image and group, in the
     * calling thread's workspace (no task's), and the column blocks of dW only read it.
     */
    float[] weightGradientPointwisePacked(ConvGeometry g, ImageLayout l, float[] image, float[] response) {
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int k = cg;
        int mp = roundUp(m, mr);
        int plane = l.plane;
        int perImage = mp * plane; // the image's chunks one after the other: chunk v0 from mp * v0
        float[] transposed = packedWeights.floats(groups * g.batch() * perImage);
        Parallel.forEach(groups * g.batch(), task -> {
            int grp = task / g.batch();
            int n = task % g.batch();
            int dyBase = (n * g.responseChannels() + grp * m) * plane;
            for (int v0 = 0; v0 < plane; v0 += KC) {
                packTransposedStrips(response, dyBase, plane, m, v0, Math.min(KC, plane - v0), transposed,
                        task * perImage + mp * v0);
            }
        });
        // dW's columns in blocks of NR strips dealt out evenly, two per thread when there are strips enough:
        // a block now repeats only its own image rows' transposes
        int blocks = columnBlocks(k, nr, groups);
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(groups * blocks, task -> {
            int grp = task / blocks;
            int block = task % blocks;
            int k0 = columnBlockStart(block, blocks, k, nr);
            int kn = columnBlockStart(block + 1, blocks, k, nr) - k0;
            int knp = roundUp(kn, nr);
            int ldc = knp + 16;
            int cOff = knp * KC;
            float[] work = scratch.floats(cOff + mp * ldc);
            for (int n = 0; n < g.batch(); n++) {
                int aBase = (grp * g.batch() + n) * perImage;
                int srcBase = (n * g.imageChannels() + grp * cg) * plane;
                for (int v0 = 0; v0 < plane; v0 += KC) {
                    int vc = Math.min(KC, plane - v0);
                    packChannelsTransposed(l, image, srcBase, k0, kn, v0, vc, work, 0);
                    boolean accumulate = n > 0 || v0 > 0;
                    for (int ms = 0; ms < mp / mr; ms++) {
                        for (int ns = 0; ns < knp / nr; ns++) {
                            micro.multiply(vc, transposed, aBase + mp * v0 + ms * vc * mr, work, ns * vc * nr, work,
                                    cOff + ms * mr * ldc + ns * nr, ldc, accumulate);
                        }
                    }
                }
            }
            for (int co = 0; co < m; co++) {
                System.arraycopy(work, cOff + co * ldc, dw, (grp * m + co) * k + k0, kn);
            }
        });
        return dw;
    }

    /**
     * Columns [v0, v0+vc) of {@code rows} rows (from {@code base}, {@code ld} apart) as MR strips over the rows,
     * {@code a[aOff + s*vc*mr + vv*mr + i]}, rows past the last zero: {@link #packResponseTransposed} for dense rows,
     * at an offset.
     */
    private void packTransposedStrips(float[] src, int base, int ld, int rows, int v0, int vc, float[] a, int aOff) {
        int strips = roundUp(rows, mr) / mr;
        for (int s = 0; s < strips; s++) {
            for (int i = 0; i < mr; i++) {
                int r = s * mr + i;
                int dst = aOff + s * vc * mr + i;
                if (r >= rows) {
                    for (int vv = 0; vv < vc; vv++) {
                        a[dst + vv * mr] = 0f;
                    }
                    continue;
                }
                int from = base + r * ld + v0;
                for (int vv = 0; vv < vc; vv++) {
                    a[dst + vv * mr] = src[from + vv];
                }
            }
        }
    }

    // ---------------------------------------------------------------- r1x49: the 1×1 weight gradient, A's rows in place

    /**
     * The 1×1 weight gradient ({@link #pointwiseLayout}) where {@link MicroKernel#pointwiseWeightGradientInPlace}
     * says so, as the packed GEMM {@code dW = dY · Xᵀ} over the images and their positions: {@link
     * #weightGradientPacked}'s arithmetic in the same order (images, then chunks of KC positions, each a reduction into
     * dW's tile), so the same bits whatever the blocks and the thread count, and {@link #weightGradientPointwisePacked}'s
     * on planes under {@value #POINT_MIN_PLANE}. One operand's rows are read in place as A ({@link
     * MicroKernel#multiplyARowsInPlace}: no transposed copy), the other's channels transposed into NR strips a chunk.
     * On planes of {@value #POINT_MIN_PLANE}+ positions the operand with more channels is A and C is dWᵀ (r1x48:
     * r1x1-56's 25.7 MB image transposed into B missed its prefetches, 9.1-9.2 ms against 5.8-6.2; on small planes
     * the response stays A, h1024-7's 49-position image rows in place took 3.3-3.5 ms against 1.3). Against the
     * 4 × 4 dots of {@link #weightGradientPointwise} (16 lane partials a weight, two loads an FMA): 1.2-1.6x.
     */
    float[] weightGradientPointwiseInPlace(ConvGeometry g, ImageLayout l, float[] image, float[] response) {
        int groups = g.groups();
        int m = g.responseChannels() / groups;
        int cg = g.imageChannels() / groups;
        int plane = l.plane;
        boolean swap = m < cg && plane >= POINT_MIN_PLANE;
        int rowsN = swap ? cg : m;
        int colsN = swap ? m : cg;
        float[] aSrc = swap ? image : response;
        float[] bSrc = swap ? response : image;
        int aPerImage = swap ? g.imageChannels() : g.responseChannels();
        int bPerImage = swap ? g.responseChannels() : g.imageChannels();
        int rowStrips = roundUp(rowsN, mr) / mr;
        int chunks = (plane + KC - 1) / KC;
        // blocks of at most POINT_GEMM_BLOCK columns and rows (B panel and C tile in L2), rows dealt out to the
        // threads: a block repacks B, the smaller operand, instead of rereading the larger; never a reduction split
        int colBlocks = wholeRounds(groups, (colsN + POINT_GEMM_BLOCK - 1) / POINT_GEMM_BLOCK, roundUp(colsN, nr) / nr);
        int rowBlocks = Math.min(rowStrips, Math.max((rowsN + POINT_GEMM_BLOCK - 1) / POINT_GEMM_BLOCK,
                (Parallel.threads() + groups * colBlocks - 1) / (groups * colBlocks)));
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(groups * colBlocks * rowBlocks, task -> {
            int grp = task / (colBlocks * rowBlocks);
            int block = task / rowBlocks % colBlocks;
            int rb = task % rowBlocks;
            int k0 = columnBlockStart(block, colBlocks, colsN, nr);
            int kn = columnBlockStart(block + 1, colBlocks, colsN, nr) - k0;
            int r0 = rb * rowStrips / rowBlocks * mr;
            int rn = Math.min((rb + 1) * rowStrips / rowBlocks * mr, rowsN) - r0;
            int mp = roundUp(rn, mr);
            int knp = roundUp(kn, nr);
            int ldc = knp + 16;
            int cOff = knp * KC;
            float[] work = scratch.floats(cOff + mp * ldc);
            // rows past the block repeat its last: their sums are never read
            int[] rows = inPlaceRows.ints(mp);
            for (int i = 0; i < mp; i++) {
                rows[i] = (r0 + Math.min(i, rn - 1)) * plane;
            }
            // the reduction in weightGradientPacked's order: image by image, KC positions a chunk
            for (int chunk = 0; chunk < g.batch() * chunks; chunk++) {
                int n = chunk / chunks;
                int v0 = chunk % chunks * KC;
                int vc = Math.min(KC, plane - v0);
                packChannelsTransposed(l, bSrc, (n * bPerImage + grp * colsN) * plane, k0, kn, v0, vc, work, 0);
                int p = (n * aPerImage + grp * rowsN) * plane + v0;
                for (int ns = 0; ns < knp / nr; ns++) {
                    for (int ms = 0; ms < mp / mr; ms++) {
                        micro.multiplyARowsInPlace(vc, aSrc, rows, ms * mr, p, work, ns * vc * nr, work,
                                cOff + ms * mr * ldc + ns * nr, ldc, chunk > 0);
                    }
                }
            }
            for (int r = 0; r < rn; r++) {
                int c = cOff + r * ldc;
                if (swap) { // C[ci][co]
                    for (int j = 0; j < kn; j++) {
                        dw[(grp * m + k0 + j) * cg + r0 + r] = work[c + j];
                    }
                } else {
                    System.arraycopy(work, c, dw, (grp * m + r0 + r) * cg + k0, kn);
                }
            }
        });
        return dw;
    }

    /** Rows and columns of a block of {@link #weightGradientPointwiseInPlace}'s C, at most. */
    static final int POINT_GEMM_BLOCK = 256;

    /**
     * At least {@code blocks} blocks a group, up to {@code most}, so that the tasks of all the groups fill whole rounds of
     * the threads where there are more tasks than threads: h48-r1x1-768to192-13's 768 columns as three blocks left one
     * of two threads idle for a third of the pass.
     */
    private static int wholeRounds(int groups, int blocks, int most) {
        int threads = Parallel.threads();
        int b = blocks;
        while (groups * b > threads && groups * b % threads != 0 && b < most) {
            b++;
        }
        return b;
    }

    /**
     * How many blocks the weight gradient's dW columns (k of them, in NR strips) are dealt into: at most 256 columns
     * a block, two blocks per thread when there are strips enough, else one. The blocks split dW's columns, never
     * a reduction, so the bits do not depend on the count.
     */
    private static int columnBlocks(int k, int nr, int groups) {
        int kStrips = roundUp(k, nr) / nr;
        int perThread = kStrips >= 4 * Parallel.threads() ? 2 : 1;
        int wanted = (perThread * Parallel.threads() + groups - 1) / groups;
        return Math.min(kStrips, Math.max((k + 255) / 256, wanted));
    }

    /** The first dW column of block {@code block} of {@link #columnBlocks}; block {@code blocks} starts at k. */
    private static int columnBlockStart(int block, int blocks, int k, int nr) {
        return Math.min(block * (roundUp(k, nr) / nr) / blocks * nr, k);
    }

    // ---------------------------------------------------------------- gemm9: 1×1 over small planes

    /** Rows of the output tile per task of {@link #correlateAcrossImages}, at most: the tile stays in L2 next to the B block. */
    static final int ACROSS_ROWS = 128;
    /** Floats of {@link #correlateAcrossImages}'s output tile (its rows × its columns) per task, at most. */
    static final int ACROSS_TILE = ACROSS_ROWS * NT;

    /**
     * Whether a correlation runs as {@link #correlateAcrossImages}: the plain GEMM on the channel matrix (1×1, unit
     * stride, unpadded, one group) over several images whose planes are narrower than a column tile or end in a
     * ragged NR strip (r1x1-512to128's 14×14 = 196 positions: 7 strips a plane, the last with 4 columns of 32), with
     * more than one KC block of image channels: with one, {@link #correlate} writes its tiles in place, which paid
     * more (r1x1-512to128's flipped scatter, 128 channels: 1.62 ms in place against 1.73 ms across the images; its
     * forward, 512 channels: 1.46 against 1.23 ms; thread CPU time, one thread). One KC block on planes that end in a
     * ragged strip runs across the images in place ({@link #acrossImagesInPlacePays}; c1x23 ran those of mostly empty
     * last strips here, with the tile copied out).
     */
    static boolean acrossImagesPays(ImageLayout l, ConvGeometry g) {
        return g.kernelVolume() == 1 && g.groups() == 1 && g.batch() > 1 && l.virtual && !l.needsCopy
                && l.columns == l.plane && l.plane == g.responsePlane() && (l.plane < NT || l.plane % NR_HINT != 0)
                && g.imageChannels() > KC;
    }

    /**
     * How many column tiles {@link #correlateAcrossImages} cuts its {@code strips} NR strips into for {@code mp} rows:
     * at most {@value #NT} columns a tile, two a thread at least, and enough that a tile of all the rows stays within
     * {@value #ACROSS_TILE} floats; as many as a whole number of rounds of the threads where there are strips enough.
     * Narrower tiles, not row blocks: a row block repacks its tile's whole B (p1f50: h48-r1x1-768to192-13's 704
     * columns as two tiles of 192 rows, each B packed twice at one thread); {@link #acrossSplit} takes row blocks
     * instead where they move less data.
     */
    static int acrossTiles(int strips, int mp, int nr, int threads) {
        int widest = Math.max(1, ACROSS_TILE / (mp * nr)); // strips a tile of all the rows
        int tiles = Math.max(fewestTiles(strips, nr), Math.max(2 * threads, (strips + widest - 1) / widest));
        return Math.min(strips, roundUp(tiles, threads));
    }

    /**
     * {@link #correlateAcrossImages}'s column tiles and row blocks, {@code {tiles, rowBlocks}}, for {@code strips} NR
     * strips of columns and {@code mp} rows: {@link #acrossTiles}'s columns first, unless rows first (the fewest tiles
     * of at most {@value #NT} columns, row blocks for the tile's floats and whole rounds of the threads) moves less
     * data: each column tile streams all the packed weights ({@code mp} floats a channel), each row block packs its
     * tile's B again (its columns, read and written). p1g56: with more rows than columns (ResNet's 512 -> 1024
     * shortcut on 7 × 7, 196 columns) columns first streamed its 2 MB of weights from L3 four times. Which task sums
     * an element does not change its sums: the bits are the same either way.
     */
    static int[] acrossSplit(int strips, int mp, int nr, int mr, int threads) {
        int rowStrips = mp / mr;
        int tiles = acrossTiles(strips, mp, nr, threads);
        int rowBlocks = acrossRowBlocks(strips, tiles, mp, nr, 1, rowStrips);
        int rowsFirstTiles = fewestTiles(strips, nr);
        int rowsFirstBlocks = acrossRowBlocks(strips, rowsFirstTiles, mp, nr, threads, rowStrips);
        long columns = (long) strips * nr;
        long columnsFirstMoves = (long) tiles * mp + 2 * rowBlocks * columns;
        long rowsFirstMoves = (long) rowsFirstTiles * mp + 2 * rowsFirstBlocks * columns;
        return rowsFirstMoves < columnsFirstMoves ? new int[] {rowsFirstTiles, rowsFirstBlocks} : new int[] {tiles, rowBlocks};
    }

    /** The fewest column tiles of at most {@value #NT} columns that hold {@code strips} strips of {@code nr}. */
    private static int fewestTiles(int strips, int nr) {
        return (strips + NT / nr - 1) / (NT / nr);
    }

    /**
     * Row blocks for {@code tiles} column tiles of {@code strips} strips: enough that a tile's block stays within {@value
     * #ACROSS_TILE} floats and, from {@code threads} on, the tasks fill whole rounds of the threads; at most {@code
     * rowStrips}.
     */
    private static int acrossRowBlocks(int strips, int tiles, int mp, int nr, int threads, int rowStrips) {
        int widest = (strips + tiles - 1) / tiles * nr;
        int blocks = (int) (((long) mp * widest + ACROSS_TILE - 1) / ACROSS_TILE);
        while (blocks < rowStrips && (tiles * blocks < threads || tiles * blocks % threads != 0)) {
            blocks++;
        }
        return Math.min(rowStrips, blocks);
    }

    /**
     * Most NR strips of all images' columns for which {@link #correlateAcrossImages}' forward reads its A strips from
     * the weight rows in place ({@link #gemmTileWeightRows}) rather than packing the weights (r1x59, Xeon host, thread
     * CPU, one thread: ResNet's 512 -> 1024 shortcut on 4 × 7², 7 strips, 1.10-1.17x; 1024 -> 2048 on 2 × 7², 4
     * strips, 1.24-1.44x; 13-73 strips 0.80-0.96x). The packing is paid once a call, while the in-place kernel, slower
     * than the packed one (eight row streams, its sums through memory every 192 steps), runs once a strip. Measured on
     * 32-wide strips (AVX-512: 256 columns); on narrower strips the same count is fewer columns, the side that packs.
     */
    static final int WEIGHT_ROWS_MAX_STRIPS = 8;

    /** Whether {@link #correlateAcrossImages}' forward over {@code strips} NR strips reads the weight rows in place. */
    static boolean weightRowsPay(int strips) {
        return strips <= WEIGHT_ROWS_MAX_STRIPS;
    }

    /** The widest register tile any kernel has (512-bit vectors, two a row): planes a multiple of it end in no ragged strip. */
    private static final int NR_HINT = 32;

    /**
     * The 1×1 correlation {@code Y_n = W · X_n} with the column tiles running across the images, as if their
     * planes lay end to end: whole NR strips, no ragged one per image, and tiles of equal width. A B row is the
     * image channel's runs in the images the tile covers, gathered into a row buffer where it spans two; the output
     * tile (at most {@value #ACROSS_TILE} floats, its task's block of response channels) goes back in runs the same
     * way. Each element sums its channels in order, KC at a time, as {@link #correlate}'s tiles do, so its bits
     * depend neither on the tiling nor on the thread count.
     */
    float[] correlateAcrossImages(ConvGeometry g, float[] image, float[] weight, boolean transposed) {
        int m = g.responseChannels();
        int k = g.imageChannels();
        int plane = g.responsePlane();
        int total = g.batch() * plane;
        if (!transposed && micro.pointwiseWeightGradientInPlace() && weightRowsPay(roundUp(total, nr) / nr)) {
            return correlateAcrossImagesWeightRows(g, image, weight);
        }
        float[] packedW = packWeights(weight, 1, m, k, transposed);
        float[] out = Storage.floats(g.responseSize()); // the tiles' copies write every element
        // c1x23: tasks by blocks of columns first (two a thread when there are strips enough), each packing only its
        // own B, so B is packed once a call; rows split only where one strip of all of them would outgrow L2 (row blocks
        // of one column block each packed the whole B: r1x1-768to192-7's 392 columns four times at two threads); p1g56:
        // rows first where the packed weights outweigh the columns (acrossSplit)
        forEachAcrossTile(m, total, (co0, co1, v0, v1) -> {
            int rows = roundUp(co1 - co0, mr);
            int bOff = rows * LDC;
            int rowOff = bOff + KC * NT;
            float[] work = scratch.floats(rowOff + NT);
            gemmTile(packedW, co0 * k, k, rows, v1 - v0, work, 0, LDC,
                    (k0, kc) -> packAcrossImages(image, k, plane, k0, kc, v0, v1, work, bOff, rowOff), work, bOff, true);
            copyAcrossImagesOut(work, co0, co1, v0, v1, plane, m, out);
        });
        return out;
    }

    /** A task of {@link #forEachAcrossTile}: response rows [co0, co1) over all images' columns [v0, v1). */
    private interface AcrossTile {
        void run(int co0, int co1, int v0, int v1);
    }

    /**
     * Runs the tasks of an across-images GEMM of {@code m} response rows over {@code total} columns end to end, split
     * by {@link #acrossSplit} into column tiles and row blocks of whole NR / MR strips: the one split both
     * {@link #correlateAcrossImages} and {@link #scatterExpandedInTiles} take, so their sums are the same.
     */
    private void forEachAcrossTile(int m, int total, AcrossTile tile) {
        int allStrips = roundUp(total, nr) / nr;
        int mp = roundUp(m, mr);
        int[] split = acrossSplit(allStrips, mp, nr, mr, Parallel.threads());
        int tiles = split[0];
        int rowBlocks = split[1];
        int rowStrips = mp / mr;
        Parallel.forEach(tiles * rowBlocks, task -> {
            int rowBlock = task % rowBlocks;
            int column = task / rowBlocks;
            tile.run(rowBlock * rowStrips / rowBlocks * mr, Math.min((rowBlock + 1) * rowStrips / rowBlocks * mr, m),
                    column * allStrips / tiles * nr, Math.min((column + 1) * allStrips / tiles * nr, total));
        });
    }

    /**
     * Copies a tile's sums of responses [co0, co1) over all images' columns [v0, v1) (rows {@link #LDC} apart in
     * {@code work}) into the NCHW response {@code out}, a run a plane at a time.
     */
    private static void copyAcrossImagesOut(float[] work, int co0, int co1, int v0, int v1, int plane, int m, float[] out) {
        for (int v = v0; v < v1; ) {
            int n = v / plane;
            int p = v - n * plane;
            int len = Math.min(v1 - v, plane - p);
            for (int co = co0; co < co1; co++) {
                System.arraycopy(work, (co - co0) * LDC + v - v0, out, (n * m + co) * plane + p, len);
            }
            v += len;
        }
    }

    /**
     * {@link #correlateAcrossImages}' forward ({@link #weightRowsPay}) with A read from the weight rows in place: the
     * same split, tiles and copy-out, no packed weights. Its own task lambda, so that the packed path's keeps its own
     * profile (with one lambda for both, the packed forwards after in-place ones in one JVM read 0.86-0.93x).
     */
    private float[] correlateAcrossImagesWeightRows(ConvGeometry g, float[] image, float[] weight) {
        int m = g.responseChannels();
        int k = g.imageChannels();
        int plane = g.responsePlane();
        int total = g.batch() * plane;
        int allStrips = roundUp(total, nr) / nr;
        int mp = roundUp(m, mr);
        float[] out = Storage.floats(g.responseSize()); // the tiles' copies write every element
        int[] split = acrossSplit(allStrips, mp, nr, mr, Parallel.threads());
        int tiles = split[0];
        int rowBlocks = split[1];
        int rowStrips = mp / mr;
        Parallel.forEach(tiles * rowBlocks, task -> {
            int rowBlock = task % rowBlocks;
            int tile = task / rowBlocks;
            int co0 = rowBlock * rowStrips / rowBlocks * mr;
            int co1 = Math.min((rowBlock + 1) * rowStrips / rowBlocks * mr, m);
            int v0 = tile * allStrips / tiles * nr;
            int v1 = Math.min((tile + 1) * allStrips / tiles * nr, total);
            int rows = roundUp(co1 - co0, mr);
            int bOff = rows * LDC;
            int rowOff = bOff + KC * NT;
            float[] work = scratch.floats(rowOff + NT);
            int[] aRows = inPlaceRows.ints(rows);
            for (int i = 0; i < rows; i++) { // rows past m read row m - 1: their sums are not copied out
                aRows[i] = Math.min(co0 + i, m - 1) * k;
            }
            gemmTileWeightRows(weight, aRows, k, rows, v1 - v0, work, 0, LDC,
                    (k0, kc) -> packAcrossImages(image, k, plane, k0, kc, v0, v1, work, bOff, rowOff), work, bOff);
            copyAcrossImagesOut(work, co0, co1, v0, v1, plane, m, out);
        });
        return out;
    }

    /**
     * Whether a correlation runs as {@link #correlateAcrossImagesInPlace}: {@link #acrossImagesPays}'s layout (1×1,
     * unit stride, unpadded, one group, several images) with one KC block of image channels and planes that end in a
     * ragged NR strip. One image at a time, each plane's last strip cost a whole (or half) strip's multiply-adds for
     * a few columns: r1x1-512to128's input gradient (128 channels, 196 = 6 × 32 + 4 positions) spent 12.5 % of its
     * samples in those half strips against 57 % in the 48 whole ones (r1x54). At least
     * {@link #ACROSS_IN_PLACE_MIN_STRIPS} strips of columns in all: its tasks are strips, and fewer would leave a
     * thread idle where the in-place tiles split the response rows.
     */
    static boolean acrossImagesInPlacePays(ImageLayout l, ConvGeometry g) {
        return g.kernelVolume() == 1 && g.groups() == 1 && g.batch() > 1
                && l.virtual && !l.needsCopy && l.columns == l.plane && l.plane == g.responsePlane()
                && g.imageChannels() <= KC && l.plane % NR_HINT != 0
                && (long) g.batch() * l.plane >= (long) ACROSS_IN_PLACE_MIN_STRIPS * NR_HINT;
    }

    /** The fewest NR strips of all images' columns {@link #correlateAcrossImagesInPlace} takes: two a thread at two. */
    static final int ACROSS_IN_PLACE_MIN_STRIPS = 4;

    /**
     * The 1×1 correlation {@code Y_n = W · X_n} of one KC block of channels with the columns running across the
     * images, as {@link #correlateAcrossImages}, but written in place: a whole register tile whose columns lie in one
     * image goes straight into the response; one that spans two images, the last ragged one, or the last strip of
     * response rows short of MR goes through an MR × NR buffer
     * whose rows are copied out in runs. No ragged strip per image, and no output tile copied out. Each element is one
     * micro-kernel call over its channels in order, as in {@link #correlate}'s in-place tiles: the same bits.
     */
    float[] correlateAcrossImagesInPlace(ConvGeometry g, float[] image, float[] weight, boolean transposed) {
        int m = g.responseChannels();
        int k = g.imageChannels();
        int plane = g.responsePlane();
        int total = g.batch() * plane;
        int allStrips = roundUp(total, nr) / nr;
        int rowStrips = roundUp(m, mr) / mr;
        float[] packedW = packWeights(weight, 1, m, k, transposed);
        float[] out = Storage.floats(g.responseSize()); // every element written by one tile
        int tiles = Math.min(allStrips, roundUp(Math.max(fewestTiles(allStrips, nr), 2 * Parallel.threads()),
                Parallel.threads()));
        Parallel.forEach(tiles, tile -> {
            int v0 = tile * allStrips / tiles * nr;
            int v1 = Math.min((tile + 1) * allStrips / tiles * nr, total);
            int rowOff = KC * NT;
            int edgeOff = rowOff + NT;
            float[] work = scratch.floats(edgeOff + mr * nr);
            packAcrossImages(image, k, plane, 0, k, v0, v1, work, 0, rowOff);
            for (int ns = 0; ns < (v1 - v0 + nr - 1) / nr; ns++) {
                int col = v0 + ns * nr;
                int cols = Math.min(nr, v1 - col);
                int n = col / plane;
                int p = col - n * plane;
                boolean inOne = cols == nr && p + nr <= plane;
                int bStrip = ns * k * nr;
                for (int ms = 0; ms < rowStrips; ms++) {
                    int rows = Math.min(mr, m - ms * mr);
                    if (inOne && rows == mr) {
                        micro.multiply(k, packedW, ms * k * mr, work, bStrip, out, (n * m + ms * mr) * plane + p, plane,
                                false);
                        continue;
                    }
                    if (cols <= nr / 2) { // onex13: a strip at most half full, half the multiply-adds
                        micro.multiplyHalf(k, packedW, ms * k * mr, work, bStrip, work, edgeOff, nr, false);
                    } else {
                        micro.multiply(k, packedW, ms * k * mr, work, bStrip, work, edgeOff, nr, false);
                    }
                    for (int j = 0; j < cols; ) { // the tile's columns image by image
                        int nj = (col + j) / plane;
                        int pj = col + j - nj * plane;
                        int len = Math.min(cols - j, plane - pj);
                        for (int i = 0; i < rows; i++) {
                            System.arraycopy(work, edgeOff + i * nr + j, out, (nj * m + ms * mr + i) * plane + pj, len);
                        }
                        j += len;
                    }
                }
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- r1x55: strided 1×1 on the subsampled image

    /**
     * Whether {@code g} is a strided 1×1 convolution (ResNet's downsampling shortcut) that runs as its unit-stride twin
     * on the subsampled image ({@link #subsampledGeometry}): one group, no padding, every window inside the image.
     * Its passes went through the generic GEMM's strided im2col (index gathers), the scatter through col2im's
     * scatter-adds into a zeroed image. The twin's passes sum the same products in the same order (one micro-kernel
     * chain over the channels a KC block, the weight gradient image by image in KC chunks of positions), so the bits
     * are the strided path's.
     */
    static boolean subsampledPointwise(ConvGeometry g) {
        if (g.kernelVolume() != 1 || g.groups() != 1) {
            return false;
        }
        boolean strided = false;
        for (int i = 0; i < 3; i++) {
            int s = g.stride()[i];
            // the response PyTorch's size for the image, so that expand writes every image element
            if (g.padLeft()[i] != 0 || g.response()[i] != Windows.convOutputSize(g.image()[i], 1, s, 0, 1)) {
                return false;
            }
            strided |= s > 1;
        }
        return strided;
    }

    /** The unit-stride 1×1 geometry of {@code g}'s subsampled image: image and response both {@code g}'s response. */
    static ConvGeometry subsampledGeometry(ConvGeometry g) {
        return new ConvGeometry(g.batch(), 1, g.imageChannels(), g.responseChannels(), g.response().clone(),
                g.response().clone(), g.kernel(), new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[3]);
    }

    /** The subsampled images of {@link #subsampledPointwise}, per calling thread (a role no task uses). */
    private final ThreadScratch subsampled = new ThreadScratch();

    /** Planes per task of {@link #subsample} and {@link #expand}, at most. */
    private static final int SUBSAMPLE_PLANES = 64;

    /** Tasks of {@link #subsample} and {@link #expand} over {@code planes} planes: two a thread, or more past 64 planes a task. */
    private static int subsampleTasks(int planes) {
        return Math.max(Math.min(planes, 2 * Parallel.threads()), (planes + SUBSAMPLE_PLANES - 1) / SUBSAMPLE_PLANES);
    }

    /**
     * {@code out[plane][o] = image[plane][o·stride]}: the positions a strided 1×1 {@code g} reads, every image and
     * channel once, into the calling thread's {@link #subsampled}. Stride-2 rows by {@link VectorOps#splitPhaseRows}
     * a depth slice at a time (deinterleave2 a row at a time: a fifth of h54-s2-512to256-28's weight gradient), the
     * others element by element.
     */
    private float[] subsample(ConvGeometry g, float[] image) {
        int planes = g.batch() * g.imageChannels();
        int[] in = g.image();
        int[] o = g.response();
        int[] s = g.stride();
        int inPlane = g.imagePlane();
        int outPlane = g.responsePlane();
        float[] out = subsampled.floats(planes * outPlane);
        int tasks = subsampleTasks(planes);
        int slice = o[1] * o[2];
        Parallel.forEach(tasks, task -> {
            int p0 = task * planes / tasks;
            int p1 = (task + 1) * planes / tasks;
            // stride-2 columns: a depth slice's rows split by column parity into the task's own buffer, then its
            // even half copied out (splitPhaseRows may write zeros past each row's phase)
            int oddAt = slice + VectorOps.SPLIT_SLACK;
            float[] phases = s[2] == 2 ? scratch.floats(2 * oddAt) : null;
            for (int p = p0; p < p1; p++) {
                for (int d = 0; d < o[0]; d++) {
                    int from = p * inPlane + d * s[0] * in[1] * in[2];
                    int to = (p * o[0] + d) * slice;
                    if (phases != null) {
                        ops.splitPhaseRows(image, from, s[1] * in[2], o[1], in[2], phases, 0, oddAt, o[2]);
                        System.arraycopy(phases, 0, out, to, slice);
                        continue;
                    }
                    for (int h = 0; h < o[1]; h++) {
                        for (int c = 0; c < o[2]; c++) {
                            out[to + h * o[2] + c] = image[from + h * s[1] * in[2] + c * s[2]];
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * The image gradient of a strided 1×1 {@code g} from the subsampled one: {@code dense[plane][o]} at position
     * {@code o·stride}, zero elsewhere, every element written once. Zero is added to each value as col2im's
     * scatter-add into a zeroed image did, so a -0.0 reads +0.0 there too. Stride-2 rows by
     * {@link VectorOps#interleave2} with a row of zeros.
     */
    private float[] expand(ConvGeometry g, float[] dense) {
        int planes = g.batch() * g.imageChannels();
        int[] in = g.image();
        int[] o = g.response();
        int[] s = g.stride();
        int inPlane = g.imagePlane();
        int outPlane = g.responsePlane();
        float[] image = Storage.floats(g.imageSize());
        int tasks = subsampleTasks(planes);
        Parallel.forEach(tasks, task -> {
            int p0 = task * planes / tasks;
            int p1 = (task + 1) * planes / tasks;
            float[] row = scratch.floats(2 * o[2]);
            Arrays.fill(row, o[2], 2 * o[2], 0f);
            for (int p = p0; p < p1; p++) {
                for (int y = 0; y < in[0] * in[1]; y++) { // image rows: a subsampled row or zeros
                    int d = y / in[1];
                    int h = y % in[1];
                    int to = p * inPlane + y * in[2];
                    if (d % s[0] != 0 || d / s[0] >= o[0] || h % s[1] != 0 || h / s[1] >= o[1]) {
                        Arrays.fill(image, to, to + in[2], 0f);
                        continue;
                    }
                    int from = p * outPlane + (d / s[0] * o[1] + h / s[1]) * o[2];
                    for (int c = 0; c < o[2]; c++) {
                        row[c] = dense[from + c] + 0f;
                    }
                    if (s[2] == 2) {
                        int pairs = Math.min(o[2], in[2] / 2);
                        ops.interleave2(row, 0, row, o[2], image, to, pairs);
                        if (pairs < o[2]) {
                            image[to + in[2] - 1] = row[o[2] - 1];
                        }
                        continue;
                    }
                    Arrays.fill(image, to, to + in[2], 0f);
                    for (int c = 0; c < o[2]; c++) {
                        image[to + c * s[2]] = row[c];
                    }
                }
            }
        });
        return image;
    }

    // ---------------------------------------------------------------- x1b61: the strided 1×1 input gradient in its tiles

    /**
     * Whether the input gradient of a strided 1×1 {@code g} ({@link #subsampledPointwise}) runs as
     * {@link #scatterExpandedInTiles}: a 2-d image whose dense twin {@code dense} (the flipped unit-stride geometry)
     * {@link #correlate} would run as {@link #correlateAcrossImages}.
     */
    static boolean expandsInTiles(ConvGeometry g, ConvGeometry dense) {
        ImageLayout l = new ImageLayout(dense, true);
        return g.image()[0] == 1 && g.stride()[0] == 1 && acrossImagesPays(l, dense); // more than a KC block: never in place
    }

    /**
     * The input gradient of a strided 1×1 {@code g} as {@link #expand} of {@link #correlateAcrossImages}' transposed
     * correlation on {@code dense}, in one pass: each task packs the transposed weights of its rows a KC block at a
     * time (into L2, where the whole 2 MB packed up front for ResNet's 512 -> 1024 shortcut went to L3 and came back
     * a block at a time) and writes its tile's sums straight into the image at their strided positions, zeros
     * around them ({@link #expandTile}): no dense gradient, no packing pass nor expand pass of their own. The same
     * split, kernels, calls and blocks as {@link #correlateAcrossImages}, so the same bits.
     */
    private float[] scatterExpandedInTiles(ConvGeometry g, ConvGeometry dense, float[] response, float[] weight) {
        int m = dense.responseChannels();
        int k = dense.imageChannels();
        int plane = dense.responsePlane();
        int total = dense.batch() * plane;
        float[] image = Storage.floats(g.imageSize()); // every element written by the task of its subsampled position
        forEachAcrossTile(m, total, (co0, co1, v0, v1) -> {
            int rows = roundUp(co1 - co0, mr);
            int bOff = rows * LDC;
            int rowOff = bOff + KC * NT;
            int aOff = rowOff + NT;
            float[] work = scratch.floats(aOff + rows * KC);
            for (int k0 = 0; k0 < k; k0 += KC) { // gemmTile's loops on a block of A packed here
                int kc = Math.min(KC, k - k0);
                packTransposedBlock(weight, m, co0, co1, k0, kc, work, aOff);
                packAcrossImages(response, k, plane, k0, kc, v0, v1, work, bOff, rowOff);
                multiplyBlock(kc, k0 > 0, work, aOff, kc * mr, rows, v1 - v0, work, bOff, work, 0, LDC, true);
            }
            expandTile(g, work, co0, co1, v0, v1, plane, image);
        });
        return image;
    }

    /**
     * {@link #packWeights}' transposed MR strips of rows [co0, co1) (columns of {@code weight}, {@code m} a row), reduction
     * [k0, k0 + kc) only: strip s at {@code p[pOff + s·kc·mr]}.
     */
    private void packTransposedBlock(float[] weight, int m, int co0, int co1, int k0, int kc, float[] p, int pOff) {
        for (int r = co0, at = pOff; r < co1; r += mr, at += kc * mr) {
            packTransposedRows(weight, k0 * m + r, m, Math.min(mr, co1 - r), kc, p, at);
        }
    }

    /**
     * A tile of {@link #scatterExpandedInTiles}: the sums of dense rows [co0, co1) over all images' subsampled positions
     * [v0, v1) ({@link #LDC} apart in {@code work}) into the image gradient of the strided 1×1 {@code g} (2-d), each sum
     * + 0 at its position times the stride (as {@link #expand}, so a -0.0 reads +0.0), zeros over the rest of its
     * stride × stride block. The blocks of a plane's positions cover the image plane once, so every element is written
     * by one task; runs of whole response rows as one fill of their image rows.
     */
    private static void expandTile(ConvGeometry g, float[] work, int co0, int co1, int v0, int v1, int plane,
                                   float[] image) {
        int inH = g.image()[1];
        int inW = g.image()[2];
        int ow = g.response()[2];
        int sh = g.stride()[1];
        int sw = g.stride()[2];
        int inPlane = g.imagePlane();
        int channels = g.imageChannels();
        for (int v = v0; v < v1; ) {
            int n = v / plane;
            int p = v - n * plane;
            int end = p + Math.min(v1 - v, plane - p); // this image's run of positions [p, end)
            for (int q = p; q < end; ) {
                int oh = q / ow;
                int c0 = q - oh * ow;
                int fullRows = c0 == 0 ? (end - q) / ow : 0;
                int span = fullRows > 0 ? fullRows * ow : Math.min(end - q, ow - c0);
                int h0 = oh * sh;
                int from = v - v0 + q - p;
                for (int ci = co0; ci < co1; ci++) {
                    int base = (n * channels + ci) * inPlane;
                    int src = (ci - co0) * LDC + from;
                    if (fullRows > 0) {
                        Arrays.fill(image, base + h0 * inW, base + Math.min(h0 + fullRows * sh, inH) * inW, 0f);
                        for (int r = 0; r < fullRows; r++) {
                            int to = base + (h0 + r * sh) * inW;
                            for (int c = 0; c < ow; c++) {
                                image[to + c * sw] = work[src + r * ow + c] + 0f;
                            }
                        }
                        continue;
                    }
                    for (int h = h0; h < Math.min(h0 + sh, inH); h++) {
                        Arrays.fill(image, base + h * inW + c0 * sw, base + h * inW + Math.min((c0 + span) * sw, inW), 0f);
                    }
                    int to = base + h0 * inW + c0 * sw;
                    for (int c = 0; c < span; c++) {
                        image[to + c * sw] = work[src + c] + 0f;
                    }
                }
                q += span;
            }
            v += end - p;
        }
    }

    /** Packs image channels [k0, k0 + kc) × columns [v0, v1) of the images end to end (channel count {@code c}) into NR strips at {@code bOff}. */
    private void packAcrossImages(float[] image, int c, int plane, int k0, int kc, int v0, int v1, float[] work, int bOff,
                                  int rowOff) {
        int n0 = v0 / plane;
        boolean oneImage = (v1 - 1) / plane == n0;
        for (int kk = 0; kk < kc; kk++) {
            int ci = k0 + kk;
            if (oneImage) {
                micro.packStrips(image, (n0 * c + ci) * plane + v0 - n0 * plane, v1 - v0, work, bOff + kk * nr, kc * nr);
                continue;
            }
            for (int v = v0; v < v1; ) {
                int n = v / plane;
                int p = v - n * plane;
                int len = Math.min(v1 - v, plane - p);
                System.arraycopy(image, (n * c + ci) * plane + p, work, rowOff + v - v0, len);
                v += len;
            }
            micro.packStrips(work, rowOff, v1 - v0, work, bOff + kk * nr, kc * nr);
        }
    }


    // ---------------------------------------------------------------- onex12: 1×1 operands packed by vector gathers

    /**
     * {@link #packIm2colTransposed} for an unpadded 1×1 layout (im2col row k is image channel k, {@code l.plane}
     * apart): the whole NR strips by {@link MicroKernel#gatherStrip}, one vector gather per half strip row (the
     * scalar transpose, a store NR floats apart per element, was a fifth of r1x1-512to128's weight gradient), the
     * ragged last strip as before. The same values in the same places.
     */
    private void packChannelsTransposed(ImageLayout l, float[] image, int srcBase, int k0, int kn, int v0, int vc,
                                        float[] b, int bOff) {
        int full = kn / nr * nr;
        if (ops.planesToStripByBlocks(nr, vc)) { // r1x49: 16 × 16 register transposes where the backend has them
            for (int s = 0; s < full / nr; s++) {
                ops.planesToStrip(image, srcBase + (k0 + s * nr) * l.plane + v0, l.plane, nr, vc, b, bOff + s * vc * nr,
                        nr);
            }
        } else {
            int[] offsets = scratch.ints(nr);
            for (int j = 0; j < nr; j++) {
                offsets[j] = j * l.plane;
            }
            for (int s = 0; s < full / nr; s++) {
                micro.gatherStrip(image, srcBase + (k0 + s * nr) * l.plane + v0, 1, vc, offsets, 0, b,
                        bOff + s * vc * nr);
            }
        }
        if (full < kn) {
            packIm2colTransposed(l, image, srcBase, l.plane, k0 + full, kn - full, v0, vc, b, bOff + full * vc);
        }
    }

    /** Rows of the weights per block of {@link #transposeBlocks}: a block's output runs fill whole cache lines. */
    private static final int TRANSPOSE_ROWS = 16;

    /**
     * {@code out[(grp·cg + ci)·m + co] = w[(grp·m + co)·cg + ci]}: the 1×1 case of {@link #flipTransposed}, by blocks
     * of {@value #TRANSPOSE_ROWS} weight rows, so that the reads are that many sequential runs and the writes whole
     * lines (row by row, every write went to another line, the matrix wider than L1: r1x1-512to128's input gradient
     * spent 6 % of its calls here, serially, before its parallel pass).
     */
    private static float[] transposeBlocks(float[] w, int groups, int m, int cg, float[] out) {
        for (int grp = 0; grp < groups; grp++) {
            for (int co0 = 0; co0 < m; co0 += TRANSPOSE_ROWS) {
                int co1 = Math.min(co0 + TRANSPOSE_ROWS, m);
                for (int ci = 0; ci < cg; ci++) {
                    int dst = (grp * cg + ci) * m;
                    for (int co = co0; co < co1; co++) {
                        out[dst + co] = w[(grp * m + co) * cg + ci];
                    }
                }
            }
        }
        return out;
    }
}
