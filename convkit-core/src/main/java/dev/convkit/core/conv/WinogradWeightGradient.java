package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.VectorOps;
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
 * twice: a row of tiles is first transformed down its columns, gathered with the channels in the vector lanes
 * (wino10), into a small channel-minor band (the transposition the packed layout needs), then along
 * the rows by {@link VectorOps} loops over the whole row of tiles. The reduction blocks ({@link #tileBlock}: about {@value #TILE_BLOCK} tiles), their parts and the
 * order of the sums are {@link WinogradGradientPlan}'s (results do not depend on the thread count). The constants of F(2×2, 3×3)
 * are 0, ±1 and ½ (exact in float, the ½ moved into the response transform), so its error stays near
 * the direct sum's (docs/PERFORMANCE.md, "Conv weight gradient (wgrad5)").
 */
final class WinogradWeightGradient extends WinogradGradientKernels {
    /** Transform points: 4 × 4. */
    private static final int POINTS = 16;
    /** Tiles per reduction block, about (whole rows of tiles): one point's packed response stays in L2. */
    static final int TILE_BLOCK = 128;
    /**
     * Channels per group on both sides must be at least this: the transforms cost per tile and channel, the
     * products per tile and channel pair. Measured against the exact paths (thread CPU time, one thread,
     * Intel AVX-512, after the vector row transforms and the reduction parts of wgrad8): 1.5x faster at
     * 64 × 64 (r3x3-56), 1.1-1.3x at 32-48 (g4-3x3-28, 32 and 48 channels at 56 × 56); docs/PERFORMANCE.md
     * "3x3 stride-1 weight gradient (wgrad8)".
     */
    static final int MIN_CHANNELS = 32;

    /**
     * Whether the response band is one lane gather ({@link #packResponseRow}): on a large-L2 host (host55's
     * {@link WinogradConv#largeL2}, whose gathers are cheap), not on Zen 5, where wino10's gathers were slow.
     */
    private final boolean gathersResponse;

    WinogradWeightGradient(MicroKernel micro, VectorOps ops, boolean gathersResponse) {
        super(micro, ops);
        this.gathersResponse = gathersResponse;
    }

    /** Plain 2-d 3×3 correlations with unit stride and dilation and at least {@value #MIN_CHANNELS} channels per group on both sides. */
    static boolean applies(ConvGeometry g) {
        return WinogradGradientPlan.applies(g, 3, MIN_CHANNELS);
    }

    /** {@code dW[co][ci][u][v] = Σ_n Σ_{i,j} dy[n][co][i][j] · x[n][ci][i + u - padTop][j + v - padLeft]}. */
    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        if (swapsSides(g)) {
            return weightGradientSwapped(g, image, response);
        }
        WinogradGradientPlan plan = new WinogradGradientPlan(g, 2, POINTS, tileBlock(g), mr, nr);
        int tileCols = plan.tileCols;
        int bandWidth = 2 * tileCols + 2;
        int bandFloats = 4 * bandWidth * (Math.max(mr, nr) + 1); // the band, then 4 rows
        float[] sums = sumScratch.floats(plan.sumFloats());
        plan.reduce(scratch, rowTransforms(g, image, response, tileCols, bandFloats), (task, t0, t1, work, count, first) ->
                task.multiply(t0, t1, (aAt, bAt, c) -> micro.multiply(count, work, aAt, work, bAt, sums, c, nr, !first)));
        float[] dw = Storage.floats(g.weightSize()); // every weight is written by one output transform
        plan.forEachOutput((sumsOff, coBase, co0, co1, ci0, cb, colStrips, pointFloats) -> outputTransform(sums, sumsOff,
                plan.slotFloats, plan.parts, pointFloats, colStrips, co0, co1, cb, dw, coBase, plan.cg, ci0));
        return dw;
    }

    /**
     * Tiles a reduction block: {@value #TILE_BLOCK}, or on planes of at most {@value #EVEN_PARTS_MAX_SIDE} a side whose
     * larger reduction part would hold more than (100 + {@link WinogradGradientPlan#PART_SLACK_PERCENT}) / 2 % of the
     * rows, the rows that even them ({@link WinogradGradientPlan#evenedRows}; wg60: h55-c3-10's 120 rows of 5 tiles in
     * blocks of 25 split 50 / 70, in blocks of 20 60 / 60).
     */
    static int tileBlock(ConvGeometry g) {
        int tileCols = (g.response()[2] + 1) / 2;
        int rows = Math.max(1, TILE_BLOCK / tileCols);
        long pairs = (long) (g.responseChannels() / g.groups()) * (g.imageChannels() / g.groups());
        if (pairs > WinogradGradientPlan.MAX_PARTED_PAIRS
                || g.response()[1] > EVEN_PARTS_MAX_SIDE || g.response()[2] > EVEN_PARTS_MAX_SIDE) {
            return TILE_BLOCK;
        }
        long allRows = g.batch() * (long) ((g.response()[1] + 1) / 2);
        int even = WinogradGradientPlan.evenedRows(allRows, rows, WinogradGradientPlan.PART_SLACK_PERCENT);
        return even == rows ? TILE_BLOCK : even * tileCols;
    }

    /** The widest response plane, a side, whose reduction parts {@link #tileBlock} evens: the planes wg60 measured. */
    static final int EVEN_PARTS_MAX_SIDE = 16;

    /** The widest response plane, a side, whose sides may swap ({@link #swapsSides}): the family measured (wg59). */
    static final int SWAP_MAX_SIDE = 16;

    /**
     * wg59: whether the image channels go in the MR strips (A) and the response channels in the NR strips (B), the
     * other way round from {@link #weightGradient}'s: where that leaves at most three quarters of the register tiles
     * (40 image channels are two 32-wide strips, 3/8 of them zero, but five 8-wide ones), on planes of at most
     * {@value #SWAP_MAX_SIDE} a side, on a large-L2 host (the image band is one lane gather there, as the response's,
     * {@link #gathersResponse}). Thread CPU at one thread on JDK 25, load 17-34: h56-c3-13 (10 tiles of 16) 1.34-1.65x,
     * h58-c3-12 and h50-13 (3/4) 1.08-1.21x; h53-c3-11 and h55-c3-10 (15 of 18, 18 of 20) read 0.8-0.95x and stay.
     * JDK 17 takes the same rule untimed (both orders box there). Each channel pair's products and sums are the same
     * operations in the same order either way: the same bits.
     */
    boolean swapsSides(ConvGeometry g) {
        int m = g.responseChannels() / g.groups();
        int cg = g.imageChannels() / g.groups();
        return gathersResponse && g.response()[1] <= SWAP_MAX_SIDE && g.response()[2] <= SWAP_MAX_SIDE
                && 4 * DepthwiseConv.ceilDiv(cg, mr) * DepthwiseConv.ceilDiv(m, nr)
                <= 3 * DepthwiseConv.ceilDiv(m, mr) * DepthwiseConv.ceilDiv(cg, nr);
    }

    /** {@link #weightGradient} with the image channels in A and the response channels in B ({@link #swapsSides}). */
    private float[] weightGradientSwapped(ConvGeometry g, float[] image, float[] response) {
        int m = g.responseChannels() / g.groups();
        int cg = g.imageChannels() / g.groups();
        WinogradGradientPlan plan = new WinogradGradientPlan(g, cg, m, 2, POINTS, tileBlock(g), mr, nr);
        int tileCols = plan.tileCols;
        int bandFloats = 16 * (tileCols + 1) * Math.max(mr, nr); // the image's raw and transformed bands, or the response's
        WinogradGradientPlan.RowTransforms transforms = new WinogradGradientPlan.RowTransforms() {
            @Override
            public void response(int n, int c0, int valid, int a, float[] work, int to, int pointStride) {
                // the plan's A side: image channels
                packImageBand(g, image, n, c0, valid, a, tileCols, bandScratch.floats(bandFloats), work, to, pointStride);
            }

            @Override
            public void image(int n, int co0, int valid, int a, float[] work, int to, int pointStride) {
                // the plan's B side: response channels
                packResponseRow(g, response, n, co0, valid, a, tileCols, nr, bandScratch.floats(bandFloats), work, to,
                        pointStride);
            }
        };
        float[] sums = sumScratch.floats(plan.sumFloats());
        plan.reduce(scratch, transforms, (task, t0, t1, work, count, first) ->
                task.multiply(t0, t1, (aAt, bAt, c) -> micro.multiply(count, work, aAt, work, bAt, sums, c, nr, !first)));
        float[] dw = Storage.floats(g.weightSize()); // every weight is written by one output transform
        // the plan's (A base, A channels, first B channel): the group's image channels [ci0, ci1), response channels from co0
        plan.forEachOutput((sumsOff, ciBase, ci0, ci1, co0, cb, colStrips, pointFloats) -> outputTransformSwapped(sums,
                sumsOff, plan.slotFloats, plan.parts, pointFloats, colStrips, ci0, ci1, cb, dw, ciBase / cg * m + co0, cg));
        return dw;
    }

    /**
     * {@link #outputTransform} of swapped sides: a register tile's row holds NR response channels of one image channel;
     * each strip is transformed in the lanes into this thread's nine weights a pair, then put in place.
     */
    private void outputTransformSwapped(float[] c, int cOff, int partFloats, int parts, int pointFloats, int colStrips,
                                        int ci0, int ci1, int cb, float[] dw, int co0, int cg) {
        float[] nine = bandScratch.floats(9 * nr);
        for (int ci = ci0; ci < ci1; ci++) {
            int row = cOff + (ci / mr) * colStrips * mr * nr + (ci % mr) * nr;
            for (int ns = 0; ns < colStrips; ns++) {
                int valid = Math.min(nr, cb - ns * nr);
                ops.winograd2GradientOutput(c, row + ns * mr * nr, pointFloats, partFloats, parts, nine, 0, valid);
                for (int j = 0; j < valid; j++) {
                    System.arraycopy(nine, 9 * j, dw, ((co0 + ns * nr + j) * cg + ci) * 9, 9);
                }
            }
        }
    }

    /**
     * {@link #packImageRow} for MR image channels with the whole band of four image rows in one lane gather
     * ({@link #imageBandLanes}), zero outside the image and past the valid channels, then down the columns as one loop
     * over the band and along the rows as there: the same operations on the same values, so the same transform.
     */
    private void packImageBand(ConvGeometry g, float[] image, int n, int c0, int valid, int a, int tileCols, float[] band,
                               float[] v, int vOff, int pointStride) {
        int half = (tileCols + 1) * mr;             // one parity's columns of one row of the band
        int raw = 8 * half;                         // the gathered rows, after the transformed band
        int y0 = 2 * a - g.padLeft()[1];
        Lanes lanes = imageBandLanes(raw, g, y0, valid, a);
        ops.gather(image, (n * g.imageChannels() + c0) * g.imagePlane(), lanes.index, lanes.valid, 0, band, raw, raw);
        // down the columns: rows 0-3 of the raw band to the four points of the transformed one
        ops.winograd2InputFrom(band, raw, raw + 2 * half, raw + 4 * half, raw + 6 * half, band, 0, 2 * half, 2 * half);
        int length = tileCols * mr;
        for (int p = 0; p < 4; p++) {
            int even = 2 * p * half;
            int odd = even + half;
            ops.winograd2InputFrom(band, even, odd, even + mr, odd + mr, v, vOff + 4 * p * pointStride, pointStride, length);
        }
    }

    /**
     * A thread's lanes of {@link #packImageBand} for band row y0: lane {@code 2·r·half + (x % 2)·half + (x / 2)·MR + j}
     * reads channel j's row {@code y0 + r}, column {@code x - padLeft}, from the first channel's plane; real inside the
     * image and for j &lt; valid, else it reads the plane's first element and is zeroed. One table a tile row and
     * full strip or not, as the rows at the edges differ.
     */
    private Lanes imageBandLanes(int bandFloats, ConvGeometry g, int y0, int valid, int a) {
        int h = g.image()[1];
        int w = g.image()[2];
        int padLeft = g.padLeft()[2];
        int plane = g.imagePlane();
        Lanes[] tables = imageBandLanes.get();
        int slot = 2 * a + (valid == mr ? 1 : 0);
        if (slot >= tables.length) {
            tables = java.util.Arrays.copyOf(tables, 2 * slot + 2);
            for (int i = 0; i < tables.length; i++) {
                tables[i] = tables[i] == null ? new Lanes() : tables[i];
            }
            imageBandLanes.set(tables);
        }
        Lanes lanes = tables[slot];
        if (!lanes.builtFor(bandFloats, w, plane, valid, y0, padLeft)) {
            int half = bandFloats / 8;
            for (int e = 0; e < bandFloats; e++) {
                int r = e / (2 * half);
                int x = 2 * (e % half / mr) + e / half % 2 - padLeft;
                int j = e % mr;
                int y = y0 + r;
                boolean real = j < valid && y >= 0 && y < h && x >= 0 && x < w;
                lanes.index[e] = real ? j * plane + y * w + x : 0;
                lanes.valid[e] = real;
            }
        }
        return lanes;
    }

    /**
     * {@code U = A·dy·Aᵀ} of one row of tiles (tile row {@code a} of image {@code n}) for MR response
     * channels from {@code co0} ({@code valid} of them real, the rest zero), into
     * {@code u[uOff + t·pointStride + tile·MR + i]}. A's rows are (1, 0), (½, ½), (½, -½), (0, -1): the
     * output transform's halves moved here, where they are exact. The two response rows are first copied
     * into a channel-minor band {@code G[row][x % 2][x / 2][i]} (even and odd columns apart), then
     * transformed in one loop over the row of tiles. With {@link #gathersResponse} the copy is one lane gather over the
     * whole band (sbw57: the element copy, c2t50's, was 12.7 % of h50-13's weight gradient on the Intel host), else
     * element by element (c2t50: wino10's per-column vector gathers were 60 % of cnn2's weight gradient on Zen 5); a
     * copy either way, so the same bits.
     */
    @Override
    void packResponseRow(ConvGeometry g, float[] response, int n, int co0, int valid, int a, int tileCols,
                         float[] band, float[] u, int uOff, int pointStride) {
        packResponseRow(g, response, n, co0, valid, a, tileCols, mr, band, u, uOff, pointStride);
    }

    /** {@link #packResponseRow} for {@code width} channels a strip (MR, or NR where the sides swap, {@link #swapsSides}). */
    private void packResponseRow(ConvGeometry g, float[] response, int n, int co0, int valid, int a, int tileCols,
                                 int width, float[] band, float[] u, int uOff, int pointStride) {
        int ho = g.response()[1];
        int wo = g.response()[2];
        int plane = g.responsePlane();
        int half = tileCols * width;                   // one parity's columns of one row of the band
        int y = 2 * a;
        boolean down = y + 1 < ho;
        int row0 = (n * g.responseChannels() + co0) * plane + y * wo;
        // band element (x % 2)·half + (x / 2)·MR + i is column x of channel i; zero past the row's end (odd wo), past the
        // valid channels, and in a second row below the response
        if (gathersResponse) {
            Lanes lanes = responseLanes(4 * half, wo, plane, valid, down, width);
            ops.gather(response, row0, lanes.index, lanes.valid, 0, band, 0, 4 * half);
        } else {
            if (!down || valid < width || (wo & 1) != 0) {
                java.util.Arrays.fill(band, 0, 4 * half, 0f);
            }
            for (int r = 0; r < (down ? 2 : 1); r++) {
                for (int i = 0; i < valid; i++) {
                    copyResponseRow(response, row0 + r * wo + i * plane, wo, band, 2 * r * half + i, half, width);
                }
            }
        }
        // with the even and odd columns apart, the whole transform is one loop over the row of tiles
        int even0 = 0;
        int odd0 = half;
        int even1 = 2 * half;
        int odd1 = 3 * half;
        ops.winograd2GradientTile(band, even0, odd0, even1, odd1, u, uOff, pointStride, half);
    }

    /** One response row of {@code wo} columns into the band: column x to {@code band[at + (x % 2)·half + (x / 2)·width]}. */
    private static void copyResponseRow(float[] response, int from, int wo, float[] band, int at, int half, int width) {
        int pairs = wo / 2;
        for (int p = 0; p < pairs; p++) {
            band[at + p * width] = response[from + 2 * p];
            band[at + half + p * width] = response[from + 2 * p + 1];
        }
        if ((wo & 1) != 0) {
            band[at + pairs * width] = response[from + wo - 1];
        }
    }

    /**
     * A thread's band lanes of {@link #packResponseRow}: lane {@code 2·r·half + (x % 2)·half + (x / 2)·MR + i} reads
     * column x of row r of channel i, from the row's first element; real where x &lt; wo, i &lt; valid and (r = 0 or
     * {@code down}), else it reads the first element and is zeroed.
     */
    private Lanes responseLanes(int bandFloats, int wo, int plane, int valid, boolean down, int width) {
        // a table for each (down, full strip): an image's last row of tiles and a call's last channel strip come back
        // every image and block, and rebuilding one table for them cost what the gather saved (odd planes)
        Lanes lanes = responseLanes.get()[(down ? 2 : 0) + (valid == width ? 1 : 0)];
        if (!lanes.builtFor(bandFloats, wo, plane, valid, down ? 1 : 0, width)) {
            int half = bandFloats / 4;
            for (int e = 0; e < bandFloats; e++) {
                int r = e / (2 * half);
                int x = 2 * (e % half / width) + e / half % 2;
                int i = e % width;
                boolean real = x < wo && i < valid && (r == 0 || down);
                lanes.index[e] = real ? r * wo + i * plane + x : 0;
                lanes.valid[e] = real;
            }
        }
        return lanes;
    }

    /**
     * {@code V = Bᵀ·x·B} of the 4×4 image blocks of one row of tiles for NR image channels from {@code c0}
     * ({@code valid} of them real, the rest zero), into {@code v[vOff + t·pointStride + tile·NR + j]};
     * positions outside the image (padding, or past a response of odd size) read as zero. First down the
     * columns into a band {@code E[p][x % 2][x / 2][j]} (channel-minor, even and odd columns apart), then
     * along the rows.
     */
    @Override
    void packImageRow(ConvGeometry g, float[] image, int n, int c0, int valid, int a, int tileCols,
                      float[] band, float[] v, int vOff, int pointStride) {
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
        // down the columns with the NR channels in the lanes, gathered (wino10): no per-channel copy into the band
        int rows = 0;
        for (int r = 0; r < 4; r++) {
            rows |= y0 + r >= 0 && y0 + r < h ? 1 << r : 0;
        }
        Lanes lanes = imageLanes(valid, plane);
        int row0 = (n * g.imageChannels() + c0) * plane - padLeft + y0 * w;
        for (int x = 0; x < width; x++) {
            int e = (x & 1) * half + (x >> 1) * nr;
            if (x >= x0 && x < x1 && rows != 0) {
                ops.winograd2GatherColumns(image, row0 + x, w, rows, lanes.index, lanes.valid, 0, band, e, 2 * half, nr);
            } else {
                for (int p = 0; p < 4; p++) {
                    java.util.Arrays.fill(band, e + 2 * p * half, e + 2 * p * half + nr, 0f);
                }
            }
        }
        // along the rows: tile b reads columns 2b..2b+3, i.e. even b, odd b, even b+1, odd b+1: with the
        // parities apart, each point is one loop over the whole row of tiles
        int length = tileCols * nr;
        for (int p = 0; p < 4; p++) {
            int even = 2 * p * half;
            int odd = even + half;
            ops.winograd2InputFrom(band, even, odd, even + nr, odd + nr, v, vOff + 4 * p * pointStride, pointStride, length);
        }
    }

    /** A thread's gather lanes: offsets from a row's first element and which lanes are real, with what they were built for. */
    private static final class Lanes {
        int[] index = new int[0];
        boolean[] valid = new boolean[0];
        private final int[] key = {-1, -1, -1, -1, -1, -1};

        /** True when the lanes were last built for these values; else grown to {@code n}, to be rebuilt. */
        boolean builtFor(int n, int a, int b, int c, int d, int e) {
            if (index.length >= n && key[0] == n && key[1] == a && key[2] == b && key[3] == c && key[4] == d
                    && key[5] == e) {
                return true;
            }
            if (index.length < n) {
                index = new int[n];
                valid = new boolean[n];
            }
            key[0] = n;
            key[1] = a;
            key[2] = b;
            key[3] = c;
            key[4] = d;
            key[5] = e;
            return false;
        }
    }

    private final ThreadLocal<Lanes> imageLanes = ThreadLocal.withInitial(Lanes::new);
    private final ThreadLocal<Lanes[]> responseLanes = ThreadLocal.withInitial(
            () -> new Lanes[] {new Lanes(), new Lanes(), new Lanes(), new Lanes()});
    private final ThreadLocal<Lanes[]> imageBandLanes = ThreadLocal.withInitial(() -> new Lanes[0]);

    /** NR image channels in the lanes, {@code valid} of them real: lane j reads channel j (channel 0 if not real). */
    private Lanes imageLanes(int valid, int plane) {
        Lanes lanes = imageLanes.get();
        if (!lanes.builtFor(nr, valid, plane, 0, 0, 0)) {
            for (int j = 0; j < nr; j++) {
                lanes.index[j] = j < valid ? j * plane : 0;
                lanes.valid[j] = j < valid;
            }
        }
        return lanes;
    }

    /**
     * {@code dW = Gᵀ·M·G} per channel pair ({@link VectorOps#winograd2GradientOutput}): a register tile's row holds
     * NR image channels side by side, so one call transforms a response channel's pairs with a strip of image
     * channels, the channels in the vector lanes (grp18: the element loop was 16 % of g8-256-14's weight gradient).
     */
    private void outputTransform(float[] c, int cOff, int partFloats, int parts, int pointFloats, int colStrips, int co0,
                                 int co1, int cb, float[] dw, int coBase, int cg, int ci0) {
        for (int co = co0; co < co1; co++) {
            int row = cOff + (co / mr) * colStrips * mr * nr + (co % mr) * nr;
            for (int ns = 0; ns < colStrips; ns++) {
                int ci = ns * nr;
                ops.winograd2GradientOutput(c, row + ns * mr * nr, pointFloats, partFloats, parts, dw,
                        ((coBase + co) * cg + ci0 + ci) * 9, Math.min(nr, cb - ci));
            }
        }
    }
}
