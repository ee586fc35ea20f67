package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

import java.util.concurrent.atomic.LongAdder;

/**
 * stem21: the forward of a stride-2 first layer (few image channels, kernel sides 2 to 7) as a direct convolution on
 * the image's four phases. A band of response rows splits the image rows it reads into phase planes once
 * ({@link PhaseSplitConv#splitPhases}: tap (ky, kx) reads phase (ky % 2, kx % 2) at offset (ky / 2, kx / 2)), so
 * every tap's inputs for a run of response positions are one contiguous run of a phase plane; then
 * {@link VectorOps#convLongColumns} holds a block of response channels × positions (4 × 6 vectors on 16 lanes, 2 × 6 on 8)
 * in registers across all the Cin × KH × KW taps (weights broadcast), as the unit-stride first layers do with
 * {@link VectorOps#convColumns}. The phase rows are
 * {@code ow + (KW - 1) / 2} wide: the columns past each response row are computed and dropped when the band's rows
 * are copied out. Each output is one sum over the taps in weight order, computed by one task whatever the banding,
 * so the bits do not depend on the thread count; up to 256 taps they are the GEMM path's bits (one reduction block
 * there, summed in the same order). The GEMM path packed a strided im2col about as long as a third of the
 * multiply-adds (small20): first-c3-7x7-s2-57's forward 1.12 -> 0.54 ms, -65's 1.11 -> 0.89 (stem21). stem59: where
 * {@link VectorOps#longColumnRowsFit} (masked stores compiled, rows of a vector or more), the kernel stores each
 * block's kept columns straight into the response's rows ({@link VectorOps#convLongColumnRows}): no band of sums in
 * L2 and no copy-out; the same sums, so the same bits. stem61: 64, 96, ... channels run on the rows with the channels
 * in the lanes too, {@value #ROW_PART} channels at a time ({@link #channelRowsRun}).
 */
final class StemConv {
    /** Most image channels a stem has here (a first layer: grey, RGB, RGBA, a few more). */
    static final int MAX_IMAGE_CHANNELS = 8;
    /** Phase-plane columns a band aims at: its planes and sums stay within L2 at any stem's width. */
    static final int BAND_COLUMNS = 2048;
    /** Channels of one sweep of the rows with the channels in the lanes: {@link VectorOps#channelRowFits}' 32. */
    static final int ROW_PART = 32;
    /** Most parts a call (256 channels): each part's weights have a scratch of their own. */
    static final int MAX_ROW_PARTS = 8;
    /** Calls whose blocks were stored straight into the response rows, over every instance: for the tests. */
    static final LongAdder ROWS_CALLS = new LongAdder();

    private final VectorOps ops;
    private final PhaseSplitConv phases;
    private final ThreadScratch workspace = new ThreadScratch();
    private final ThreadScratch tapTable = new ThreadScratch();
    private final ThreadScratch rowTile = new ThreadScratch();
    private final ThreadScratch[] partWeights = new ThreadScratch[MAX_ROW_PARTS];

    StemConv(VectorOps ops, PhaseSplitConv phases) {
        this.ops = ops;
        this.phases = phases;
        for (int part = 0; part < MAX_ROW_PARTS; part++) {
            partWeights[part] = new ThreadScratch();
        }
    }

    /** Whether the forward of {@code g} runs here: a stride-2 2-d convolution the phases take, with few image channels. */
    static boolean applies(ConvGeometry g) {
        return PhaseSplitConv.applies(g) && g.imageChannels() <= MAX_IMAGE_CHANNELS;
    }

    /** Narrowest kernel side the dispatch sends here: 3×3 stems measured even with the phases' GEMM, so they keep it. */
    static final int MIN_SIDE = 5;

    /** Whether the dispatch sends the forward of {@code g} here: {@link #applies} with both kernel sides at least {@value #MIN_SIDE}. */
    static boolean pays(ConvGeometry g) {
        return applies(g) && g.kernel()[1] >= MIN_SIDE && g.kernel()[2] >= MIN_SIDE;
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        int cout = g.responseChannels();
        int ow = g.response()[2];
        int plane = g.responsePlane();
        Bands bands = new Bands(g, image);
        float[] out = Storage.floats(g.responseSize()); // every response element is written: from a band or stored by rows
        if (channelRowsRun(ops, g)) {
            correlateByRows(bands, weight, out);
            return out;
        }
        int pw = bands.pw;
        boolean intoRows = ops.longColumnRowsFit(ow);
        if (intoRows) {
            ROWS_CALLS.increment();
        }
        Parallel.forEach(g.batch() * bands.count, task -> {
            int n = task / bands.count;
            int band = task % bands.count;
            int r0 = bands.firstRow(band);
            int rows = bands.rows(band);
            int columns = (rows - 1) * pw + ow; // the band's positions, a phase row apart per response row
            if (intoRows) { // stem59: the kept columns straight into the response's rows
                float[] work = workspace.floats(bands.phaseFloats(band));
                int[] tapStarts = bands.split(n, band, work);
                float[] tile = rowTile.floats(VectorOps.LONG_COLUMN_ROWS_TILE);
                ops.convLongColumnRows(work, tapStarts, bands.taps, weight, 0, bands.taps, cout, out,
                        n * cout * plane + r0 * ow, plane, columns, pw, ow, tile);
                return;
            }
            int sumStride = columns + 16; // not a power of two: a block's channel rows do not share cache sets
            int sums = bands.phaseFloats(band);
            float[] work = workspace.floats(sums + cout * sumStride);
            int[] tapStarts = bands.split(n, band, work);
            ops.convLongColumns(work, tapStarts, bands.taps, weight, 0, bands.taps, cout, work, sums, sumStride, columns);
            for (int co = 0; co < cout; co++) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(work, sums + co * sumStride + r * pw, out, (n * cout + co) * plane + (r0 + r) * ow,
                            ow);
                }
            }
        });
        return out;
    }

    /**
     * stem61: whether {@link #correlate} runs on the rows with the channels in the lanes ({@link #correlateByRows}): a
     * whole number of {@value #ROW_PART}-channel parts (at most {@value #MAX_ROW_PARTS}) where {@code ops} runs
     * {@value #ROW_PART} channels of these taps and rows there ({@link VectorOps#channelRowFits}: stem58's rule). On
     * the Intel host 64 and 96 channels read 1.0-1.2x the stem columns that way, one part sweeping the band at a time.
     */
    static boolean channelRowsRun(VectorOps ops, ConvGeometry g) {
        int cout = g.responseChannels();
        int taps = g.imageChannels() * g.kernel()[1] * g.kernel()[2];
        return cout % ROW_PART == 0 && cout / ROW_PART <= MAX_ROW_PARTS
                && ops.channelRowFits(ROW_PART, taps, g.response()[2]);
    }

    /**
     * stem57 / stem58: {@link #correlate} with the channels in the lanes ({@link VectorOps#convChannelRow}, where
     * {@link #channelRowsRun}): each response row from the band's phase planes straight into the response, no band of
     * sums and no dropped columns; the same bands, phases and sums (each an fma chain over the taps in weight order),
     * so the same bits. stem61: {@value #ROW_PART} channels at a time, each part over the whole band before the next
     * (32 response planes written at once, not 64: stem58's 64 at once read slower than the stem columns), each part's
     * weights packed by tap apart (18.8 kB for a 7 × 7 RGB stem: in L1 beside the phase rows).
     */
    private void correlateByRows(Bands bands, float[] weight, float[] out) {
        ConvGeometry g = bands.g;
        int cout = g.responseChannels();
        int ow = g.response()[2];
        int plane = g.responsePlane();
        int taps = bands.taps;
        int parts = cout / ROW_PART;
        float[][] wts = new float[parts][];
        for (int part = 0; part < parts; part++) {
            wts[part] = packByTap(weight, part * ROW_PART * taps, ROW_PART, taps, partWeights[part]);
        }
        Parallel.forEach(g.batch() * bands.count, task -> {
            int n = task / bands.count;
            int band = task % bands.count;
            int r0 = bands.firstRow(band);
            float[] work = workspace.floats(bands.phaseFloats(band));
            float[] tile = rowTile.floats(ow * ROW_PART);
            int[] tapStarts = bands.split(n, band, work);
            for (int part = 0; part < parts; part++) {
                for (int r = 0, rows = bands.rows(band); r < rows; r++) {
                    ops.convChannelRow(work, tapStarts, taps, r * bands.pw, wts[part], ROW_PART, ow, tile, out,
                            (n * cout + part * ROW_PART) * plane + (r0 + r) * ow, plane);
                }
            }
        });
    }

    /**
     * A call's bands of response rows (about {@link #BAND_COLUMNS} positions each) and how one band of one image is
     * split into its four phase planes: the window arithmetic both forms of {@link #correlate} share.
     */
    private final class Bands {
        final ConvGeometry g;
        final float[] image;
        final int cin;
        /** Taps a response element sums: cin · kh · kw. */
        final int taps;
        /** A phase row: a response row's windows and the right taps' columns. */
        final int pw;
        final int downReach;
        /** Bands an image's response is cut into. */
        final int count;

        Bands(ConvGeometry g, float[] image) {
            this.g = g;
            this.image = image;
            this.cin = g.imageChannels();
            this.taps = cin * g.kernel()[1] * g.kernel()[2];
            this.pw = g.response()[2] + PhaseSplitConv.reach(g.kernel()[2]);
            this.downReach = PhaseSplitConv.reach(g.kernel()[1]);
            this.count = DepthwiseConv.ceilDiv(g.response()[1], Math.max(1, BAND_COLUMNS / pw));
        }

        int firstRow(int band) {
            return band * g.response()[1] / count;
        }

        int rows(int band) {
            return (band + 1) * g.response()[1] / count - firstRow(band);
        }

        /** One phase plane of the band. */
        int planeFloats(int band) {
            return (rows(band) + downReach) * pw;
        }

        /** The band's four phase planes of all image channels. */
        int phaseFloats(int band) {
            return cin * 4 * planeFloats(band);
        }

        /** Splits image n's band into {@code work}'s first {@link #phaseFloats} floats; the taps' starts there. */
        int[] split(int n, int band, float[] work) {
            int h = g.image()[1];
            int w = g.image()[2];
            int ps = planeFloats(band);
            phases.splitPhases(image, n * cin * h * w, cin, h, w, 2 * firstRow(band) - g.padLeft()[1], -g.padLeft()[2],
                    rows(band) + downReach, pw, work, 0, ps);
            return tapStarts(cin, g.kernel()[1], g.kernel()[2], ps, pw);
        }
    }

    /**
     * The weights of {@code channels} channels from {@code weight[from]} by tap, {@code wt[k·channels + c] =
     * weight[from + c·taps + k]}, in the calling thread's {@code scratch}.
     */
    private static float[] packByTap(float[] weight, int from, int channels, int taps, ThreadScratch scratch) {
        float[] wt = scratch.floats(taps * channels);
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < taps; k++) {
                wt[k * channels + c] = weight[from + c * taps + k];
            }
        }
        return wt;
    }

    /** Tap (ci, ky, kx)'s run in the band's phase planes ({@code ps} apart, rows {@code pw} long), in weight order. */
    private int[] tapStarts(int cin, int kh, int kw, int ps, int pw) {
        int[] starts = tapTable.ints(cin * kh * kw);
        for (int ci = 0; ci < cin; ci++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    starts[(ci * kh + ky) * kw + kx] = (ci * 4 + (ky & 1) * 2 + (kx & 1)) * ps + (ky >> 1) * pw
                            + (kx >> 1);
                }
            }
        }
        return starts;
    }
}
