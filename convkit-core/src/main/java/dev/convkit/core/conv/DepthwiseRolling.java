package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

import java.util.Arrays;

/**
 * The depthwise forward of 2-d 3×3 and 5×5 kernels with stride 1 or 2 (and, through the flipped
 * correlation, their unit-stride input gradients): every plane padded whole, zero rows above and below
 * included, into a per-thread buffer (columns split by phase as in {@link DirectRows}), then
 * {@link VectorOps#depthwiseRows} rolls down each column strip, loading every input row once and
 * multiplying it into each output row that reads it while those rows' sums stay in registers. No border
 * rows, no per-weight branches; each output element is summed by one task in one fixed order, whatever
 * the thread count. Stride-2 rows narrower than those strips are read in place where a row's reads fit two vectors
 * ({@link #inPlace}), else on four phase planes read as one flat run ({@link #phasePlanes}). Their stride-2 input
 * gradients run here too, by phase ({@link #scatterStride2}).
 */
final class DepthwiseRolling {
    private final VectorOps ops;

    DepthwiseRolling(VectorOps ops) {
        this.ops = ops;
    }

    /**
     * Whether {@code g} (a depthwise forward) runs here: 2-d, 3×3 or 5×5, strides 1 or 2, no dilation, at any row
     * width (stride-2 rows narrower than {@link VectorOps#depthwiseRowsMinWidth} asks on the phase planes,
     * {@link #phasePlanes}).
     */
    static boolean applies(ConvGeometry g) {
        int[] k = g.kernel();
        int[] s = g.stride();
        int[] d = g.dilation();
        return g.image()[0] == 1 && k[0] == 1 && (k[1] == 3 || k[1] == 5) && k[2] == k[1]
                && s[0] == 1 && (s[1] == 1 || s[1] == 2) && s[2] == s[1]
                && d[0] == 1 && d[1] == 1 && d[2] == 1 && g.padLeft()[0] == 0;
    }

    /** Whether {@code g} (one {@link #applies} takes) runs on rows padded whole: rows as wide as {@link VectorOps#depthwiseRowsMinWidth} asks, or one column. */
    static boolean wholeRows(ConvGeometry g, VectorOps ops) {
        // one output column: no column phases to split (DirectRows)
        return g.response()[2] >= ops.depthwiseRowsMinWidth(g.stride()[2]) || g.response()[2] == 1;
    }

    /**
     * Whether the weight gradient of {@code g} (one {@link #applies} takes) runs on the phase planes
     * ({@link #phaseWeightGradient}): stride 2, rows of 2 columns to under two of the strips
     * {@link VectorOps#depthwiseRowsMinWidth} asks (dwn20: the 16 columns of dw5x5-s2-31 0.64 -> 0.32 ms, the 24 of
     * dw3x3-s2-48 0.48 -> 0.39; the 29 of dw3x3-s2-57 even, so left to the strips).
     */
    static boolean phaseWeightRows(ConvGeometry g, VectorOps ops) {
        int width = g.response()[2];
        return g.stride()[2] == 2 && width > 1 && width < 2 * ops.depthwiseRowsMinWidth(2);
    }

    /**
     * Whether the weight gradient of {@code g} (one {@link #applies} takes) runs on flat tap rows
     * ({@link #phaseWeightGradient}): the stride-2 rows {@link #phaseWeightRows} takes, and unit strides, whose padded
     * rows are one phase (dws22: dw3x3-27-odd's weight gradient on the virtual-column dots was 2x its forward).
     */
    static boolean tapRowWeights(ConvGeometry g, VectorOps ops) {
        return g.stride()[2] == 1 || phaseWeightRows(g, ops);
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        if (lanePlanes(g, ops)) {
            return lanePlanes(g, image, weight, false);
        }
        if (stackedRows(g, ops)) {
            return stackedRows(g, image, weight, false);
        }
        if (inPlace(g, ops)) {
            return inPlace(g, image, weight);
        }
        if (g.stride()[2] == 2 && !wholeRows(g, ops)) {
            return phasePlanes(g, image, weight);
        }
        float[] out = Storage.floats(g.responseSize()); // every output row is written once
        DirectRows columns = new DirectRows(g);
        int k = g.kernel()[1];
        int stride = g.stride()[1];
        int outRows = g.response()[1];
        int outWidth = g.response()[2];
        int height = g.image()[1];
        int padTop = g.padLeft()[1];
        int rowLength = columns.rowLength;
        int bufferRows = (outRows - 1) * stride + k; // every input row an output reads, padding rows included
        int imageRows = Math.max(0, Math.min(height, bufferRows - padTop)); // those that come from the image
        int planes = g.batch() * g.groups();
        int channels = g.groups();
        int kv = g.kernelVolume();
        int inPlane = g.imagePlane();
        int outPlane = g.responsePlane();
        new Tasks(planes, outRows).run((firstPlane, lastPlane, rowFrom, rowTo) -> {
            float[] padded = DepthwiseConv.paddedRows(bufferRows * rowLength);
            // the zero rows (and, split by phase, the zero columns) stay zero across this task's planes: only
            // image columns are copied per plane
            if (columns.stride == 2) { // (one output column: rows not split by phase)
                Arrays.fill(padded, 0, bufferRows * rowLength, 0f);
            } else {
                Arrays.fill(padded, 0, Math.min(padTop, bufferRows) * rowLength, 0f);
                Arrays.fill(padded, Math.min(bufferRows, padTop + imageRows) * rowLength, bufferRows * rowLength, 0f);
            }
            for (int p = firstPlane; p < lastPlane; p++) {
                if (columns.stride == 2) {
                    splitRows(columns, image, p * inPlane, 0, imageRows, padded, padTop * rowLength, rowLength, columns.phaseLength);
                } else {
                    columns.padRows(ops, image, p * inPlane, padded, padTop * rowLength, 0, imageRows);
                }
                ops.depthwiseRows(padded, 0, rowLength, columns.tapColumns, k, stride, weight, p % channels * kv, out,
                        p * outPlane, outWidth, rowFrom, rowTo);
            }
        });
        return out;
    }

    /**
     * Whether the forward of {@code g} (one {@link #applies} takes) runs several output rows a vector: unit stride,
     * rows {@link VectorOps#depthwiseStackedRows} takes (dw52: h51-k5-7's 7 columns kept 7 of every 11 lanes of the
     * padded copy's flat run).
     */
    static boolean stackedRows(ConvGeometry g, VectorOps ops) {
        return g.stride()[2] == 1
                && ops.depthwiseStackedRows(g.kernel()[1], g.image()[2], g.padLeft()[2], g.response()[2]) > 0;
    }

    /**
     * The correlation of {@code g} (one {@link #lanePlanes} or {@link #stackedRows} takes: the unit-stride input gradient's flipped geometry,
     * {@link ConvDispatch#flipped}) with the flipped kernel, read from the forward's {@code weight} as it lies
     * (dws53: the flipped copy, a new array a call, was h51-k5-7's input gradient's 0.143 ms against its forward's
     * 0.067 at 1,500 calls, the copy's loop not yet compiled). The bits of {@link #correlate} on the flipped copy.
     */
    float[] correlateFlipped(ConvGeometry g, float[] response, float[] weight) {
        return lanePlanes(g, ops) ? lanePlanes(g, response, weight, true) : stackedRows(g, response, weight, true);
    }

    // dw55: tiny planes with the channels in the lanes (h54-dw3-5's 5 × 5 planes 0.56x PyTorch on the stacked rows,
    // whose per-plane copies, masks and part-empty vectors were most of the pass)

    /**
     * Whether the forward of {@code g} (one {@link #applies} takes) runs {@link VectorOps#depthwiseLanePlanes}' planes
     * in the lanes: unit stride, responses it takes, at least a block of planes.
     */
    static boolean lanePlanes(ConvGeometry g, VectorOps ops) {
        int lanes = ops.depthwiseLanePlanes(g.kernel()[1], g.padLeft()[1], g.padLeft()[2], g.response()[1],
                g.response()[2]);
        return g.stride()[2] == 1 && lanes > 0 && g.batch() * g.groups() >= lanes;
    }

    /** Per-calling-thread weights of {@link #lanePlanes} ({@link VectorOps#laneWeights}), read by the pass's tasks. */
    private static final ThreadScratch LANE_WEIGHTS = new ThreadScratch();

    /**
     * The forward of {@link #lanePlanes} (where {@code flipped}, that of the flipped kernel: {@link #correlateFlipped}),
     * runs of whole blocks of planes a task, about {@code 4·MIN_TASKS} tasks. Each output as {@link #stackedRows}'.
     */
    private float[] lanePlanes(ConvGeometry g, float[] image, float[] weight, boolean flipped) {
        int k = g.kernel()[1];
        int lanes = ops.depthwiseLanePlanes(k, g.padLeft()[1], g.padLeft()[2], g.response()[1], g.response()[2]);
        int channels = g.groups();
        int weightRow = channels + lanes;
        float[] laneWeights = LANE_WEIGHTS.floats(k * k * weightRow);
        VectorOps.laneWeights(weight, channels, k, flipped, lanes, laneWeights);
        float[] out = Storage.floats(g.responseSize()); // every output is written once
        int planes = g.batch() * channels;
        int blocks = DepthwiseConv.ceilDiv(planes, lanes);
        int group = Math.max(1, blocks / (4 * DepthwiseConv.MIN_TASKS)); // blocks a task
        Parallel.forEach(DepthwiseConv.ceilDiv(blocks, group), task -> {
            int firstPlane = task * group * lanes;
            ops.depthwiseLanePlanes(image, g.image()[1], g.image()[2], g.padLeft()[1], g.padLeft()[2], k, laneWeights,
                    weightRow, channels, out, g.response()[1], g.response()[2], firstPlane,
                    Math.min(planes, firstPlane + group * lanes));
        });
        return out;
    }

    /**
     * The forward of {@link #stackedRows} ({@link VectorOps#depthwiseStackedPlanes}), or where {@code flipped} that
     * of the flipped kernel ({@link #correlateFlipped}). Tasks as {@link #correlate}'s.
     */
    private float[] stackedRows(ConvGeometry g, float[] image, float[] weight, boolean flipped) {
        float[] out = Storage.floats(g.responseSize()); // every output row is written once
        new Tasks(g.batch() * g.groups(), g.response()[1]).run((firstPlane, lastPlane, rowFrom, rowTo) ->
                ops.depthwiseStackedPlanes(image, g.image()[1], g.image()[2], g.padLeft()[1], g.padLeft()[2],
                        g.kernel()[1], weight, flipped, g.groups(), out, g.response()[1], g.response()[2], firstPlane,
                        lastPlane, rowFrom, rowTo));
        return out;
    }

    /**
     * Whether the forward of {@code g} (one {@link #applies} takes) reads its planes in place: 3×3 at unit stride,
     * rows as wide as {@link VectorOps#depthwiseInPlaceMinWidth} asks ({@link VectorOps#depthwiseRows3InPlace}), 5×5 at
     * unit stride where {@link VectorOps#depthwiseUnit5InPlace} takes the rows ({@link VectorOps#depthwiseRows5InPlace}), and
     * the stride-2 rows narrower than {@link #wholeRows} that {@link VectorOps#depthwiseStride2InPlace} takes
     * ({@link VectorOps#depthwiseRows2InPlace}).
     */
    static boolean inPlace(ConvGeometry g, VectorOps ops) {
        if (g.stride()[2] == 2) {
            return !wholeRows(g, ops) && ops.depthwiseStride2InPlace(g.kernel()[1], g.padLeft()[2], g.response()[2]);
        }
        if (g.kernel()[1] == 5) {
            return ops.depthwiseUnit5InPlace(g.image()[2], g.padLeft()[2], g.response()[2]);
        }
        return g.response()[2] >= ops.depthwiseInPlaceMinWidth();
    }

    /**
     * The forward of {@link #inPlace}: each plane read where it lies, its padding read as zeros, no padded copy
     * (dw24: the copy was 30 % of dw3x3-17-96's forward; dws25: the phase planes' copy of narrow stride-2 rows).
     * Tasks as {@link #correlate}'s.
     */
    private float[] inPlace(ConvGeometry g, float[] image, float[] weight) {
        float[] out = Storage.floats(g.responseSize()); // every output row is written once
        int channels = g.groups();
        int inPlane = g.imagePlane();
        int outPlane = g.responsePlane();
        int height = g.image()[1];
        int width = g.image()[2];
        int k = g.kernel()[1];
        int kv = g.kernelVolume();
        boolean stride2 = g.stride()[2] == 2;
        new Tasks(g.batch() * channels, g.response()[1]).run((firstPlane, lastPlane, rowFrom, rowTo) -> {
            for (int p = firstPlane; p < lastPlane; p++) {
                if (stride2) {
                    ops.depthwiseRows2InPlace(image, p * inPlane, height, width, g.padLeft()[1], g.padLeft()[2], k,
                            weight, p % channels * kv, out, p * outPlane, g.response()[2], rowFrom, rowTo);
                } else if (k == 5) {
                    ops.depthwiseRows5InPlace(image, p * inPlane, height, width, g.padLeft()[1], g.padLeft()[2],
                            weight, p % channels * kv, out, p * outPlane, g.response()[2], rowFrom, rowTo);
                } else {
                    ops.depthwiseRows3InPlace(image, p * inPlane, height, width, g.padLeft()[1], g.padLeft()[2],
                            weight, p % channels * kv, out, p * outPlane, g.response()[2], rowFrom, rowTo);
                }
            }
        });
        return out;
    }

    /**
     * The stride-2 forward of rows narrower than {@link VectorOps#depthwiseRowsMinWidth} asks (dws2f19: a
     * 14-column dw3x3-s2-28 went to the row blocks at 0.17x PyTorch): each plane on its four phase planes
     * ({@link PhaseLayout}), which {@link VectorOps#depthwiseTapRows} reads as one flat run, a vector spanning
     * several output rows (14 of every 15 columns kept at dw3x3-s2-28). Tasks as {@link #correlate}'s.
     */
    private float[] phasePlanes(ConvGeometry g, float[] image, float[] weight) {
        float[] out = Storage.floats(g.responseSize()); // every output row is written once
        PhaseLayout l = new PhaseLayout(g);
        int channels = g.groups();
        int kv = g.kernelVolume();
        int inPlane = g.imagePlane();
        int outPlane = g.responsePlane();
        new Tasks(g.batch() * channels, l.outRows).run((firstPlane, lastPlane, rowFrom, rowTo) -> {
            float[] planes = DepthwiseConv.paddedRows(l.size());
            Arrays.fill(planes, 0, l.size(), 0f); // the zero rows and columns stay zero across the task's planes
            for (int p = firstPlane; p < lastPlane; p++) {
                splitPhases(ops, l, image, p * inPlane, planes, 0);
                ops.depthwiseTapRows(planes, 0, l.phaseLength, l.kernelRows, l.tapColumns, l.k, weight,
                        p % channels * kv, out, p * outPlane, l.outWidth, rowFrom, rowTo);
            }
        });
        return out;
    }

    /**
     * The weight gradient on flat tap rows ({@link #tapRowWeights}): stride-2 rows narrower than two strips of
     * {@link VectorOps#depthwiseRowsMinWidth} on the forward's phase planes, unit strides on the padded rows
     * ({@link PhaseLayout}): per channel, each tap's sum is one dot product of the response, its rows laid
     * {@code phaseLength} apart with zeros between, with the planes' flat run from that tap's offset
     * ({@link VectorOps#depthwiseTapRowSums}: a vector spans several output rows, the sums in registers across
     * {@link #IMAGES_A_CALL} images). Per channel over the images in order: the same bits at any thread count.
     */
    private float[] phaseWeightGradient(ConvGeometry g, float[] image, float[] response) {
        PhaseLayout l = new PhaseLayout(g);
        int channels = g.groups();
        int kv = g.kernelVolume();
        int yStep = l.outRows * l.phaseLength;
        int chunk = Math.min(g.batch(), Math.max(1, Math.min(IMAGES_A_CALL, RUN_A_CALL / l.span())));
        float[] dw = Storage.floats(g.weightSize());
        Parallel.forEach(channels, c -> {
            float[] planes = DepthwiseConv.paddedRows(chunk * l.size());
            float[] rows = ROWS.floats(chunk * yStep);
            double[] sums = SUMS.doubles(kv);
            Arrays.fill(planes, 0, chunk * l.size(), 0f); // the zero rows and columns stay zero: only image columns are copied
            Arrays.fill(sums, 0, kv, 0.0);
            for (int n0 = 0; n0 < g.batch(); n0 += chunk) {
                int images = Math.min(chunk, g.batch() - n0);
                for (int i = 0; i < images; i++) {
                    int p = (n0 + i) * channels + c;
                    l.fill(ops, image, p * g.imagePlane(), planes, i * l.size());
                    ops.padRows(response, p * g.responsePlane(), l.outWidth, l.outRows, rows, i * yStep,
                            l.phaseLength, 0); // zeros past outWidth: the planes' wrap-around columns drop out
                }
                ops.depthwiseTapRowSums(rows, 0, yStep, l.span(), planes, 0, l.size(), images, l.kernelRows,
                        l.tapColumns, l.k, sums, 0);
            }
            for (int t = 0; t < kv; t++) {
                dw[c * kv + t] = (float) sums[t];
            }
        });
        return dw;
    }

    /**
     * Whether the weight gradient of {@code g} (one {@link #applies} takes) reads its planes in place
     * ({@link #samePlaneWeightGradient}): 3×3 at unit stride with one padding row and column a side, so that the
     * response's planes have the image's shape.
     */
    static boolean samePlanes(ConvGeometry g) {
        return g.kernel()[1] == 3 && g.stride()[2] == 1 && g.padLeft()[1] == 1 && g.padLeft()[2] == 1
                && g.response()[1] == g.image()[1] && g.response()[2] == g.image()[2];
    }

    /**
     * The weight gradient of {@link #samePlanes}: per channel, each tap's sum one dot product of the response plane
     * with the image plane moved by the tap, both read in place, the padding left out by masks
     * ({@link VectorOps#depthwiseSameTapSums3}; dws23: the flat tap rows' padded copies were 60 % of dw3x3-19-48's
     * pass). Per channel over the images in order, {@link #RUN_A_CALL} floats a call: the same bits at any thread
     * count.
     */
    private float[] samePlaneWeightGradient(ConvGeometry g, float[] image, float[] response) {
        int channels = g.groups();
        int plane = g.imagePlane();
        int chunk = Math.min(g.batch(), Math.max(1, Math.min(IMAGES_A_CALL, RUN_A_CALL / plane)));
        float[] dw = Storage.floats(g.weightSize());
        Parallel.forEach(channels, c -> {
            double[] sums = SUMS.doubles(9);
            Arrays.fill(sums, 0, 9, 0.0);
            for (int n0 = 0; n0 < g.batch(); n0 += chunk) {
                ops.depthwiseSameTapSums3(response, image, (n0 * channels + c) * plane, channels * plane,
                        Math.min(chunk, g.batch() - n0), g.image()[1], g.image()[2], sums, 0);
            }
            for (int t = 0; t < 9; t++) {
                dw[c * 9 + t] = (float) sums[t];
            }
        });
        return dw;
    }

    /**
     * Whether the weight gradient of {@code g} (one {@link #applies} takes) reads its planes in place
     * ({@link #inPlaceWeightGradient}): 3×3, the stride-2 rows {@link #phaseWeightRows} takes whose reads
     * {@link VectorOps#depthwiseStride2InPlace} takes.
     */
    static boolean inPlaceWeights(ConvGeometry g, VectorOps ops) {
        return g.kernel()[1] == 3 && phaseWeightRows(g, ops)
                && ops.depthwiseStride2InPlace(3, g.padLeft()[2], g.response()[2]);
    }

    /**
     * The weight gradient of {@link #inPlaceWeights}: per channel, the images' planes and response planes read in
     * place, {@link #IMAGES_A_CALL} a call ({@link VectorOps#depthwiseStride2TapSums3}: each image row de-interleaved
     * once in registers, the 9 taps' sums in registers; dws25: the phase planes' copies were most of
     * {@link #phaseWeightGradient}'s pass). Per channel over the images in order: the same bits at any thread count.
     */
    private float[] inPlaceWeightGradient(ConvGeometry g, float[] image, float[] response) {
        int channels = g.groups();
        int chunk = Math.min(g.batch(), IMAGES_A_CALL);
        float[] dw = Storage.floats(g.weightSize());
        Parallel.forEach(channels, c -> {
            double[] sums = SUMS.doubles(9);
            Arrays.fill(sums, 0, 9, 0.0);
            for (int n0 = 0; n0 < g.batch(); n0 += chunk) {
                int p = n0 * channels + c;
                ops.depthwiseStride2TapSums3(response, p * g.responsePlane(), channels * g.responsePlane(),
                        g.response()[1], g.response()[2], image, p * g.imagePlane(), channels * g.imagePlane(),
                        Math.min(chunk, g.batch() - n0), g.image()[1], g.image()[2], g.padLeft()[1], g.padLeft()[2],
                        sums, 0);
            }
            for (int t = 0; t < 9; t++) {
                dw[c * 9 + t] = (float) sums[t];
            }
        });
        return dw;
    }

    /** Images whose phase planes one {@link VectorOps#depthwiseTapRowSums} call takes: a few tens of kB. */
    private static final int IMAGES_A_CALL = 16;

    /**
     * Floats of flat run one {@link VectorOps#depthwiseTapRowSums} call sums at most (but one image), each lane's
     * float sums a few hundred products long: dws22's unit-stride planes (dw3x3-56's 3246-float run, 8 images in
     * one call) measured 8.3e-7 of max |dW| against double, 2.1e-7 on the virtual-column dots before.
     */
    private static final int RUN_A_CALL = 4096;

    private static final ThreadScratch ROWS = new ThreadScratch();

    /**
     * A stride-2 plane's padded rows split by row parity and by column phase into four planes of rows
     * {@code phaseLength} long (rows of even parity: even phase, odd phase; then odd parity), so that kernel row kh
     * of output row r is row r + kh / 2 of the planes of parity kh % 2 and every tap (kh, t) a fixed offset from
     * output row r's place ({@link #kernelRows}[kh] + {@link #tapColumns}[t]), r steps of one plane row. At unit
     * stride the padded rows are the one plane: kernel row kh is row r + kh.
     */
    private static final class PhaseLayout {
        final DirectRows columns;
        final int stride;
        final int k;
        final int outRows;
        final int outWidth;
        final int padTop;
        final int phaseLength;
        /** Image rows some output reads. */
        final int imageRows;
        /** The rows of one parity, one column phase, then {@link VectorOps#SPLIT_SLACK} zeros. */
        final int planeSize;
        /** Kernel row kh: plane row kh / 2 of the planes of parity kh % 2. */
        final int[] kernelRows;
        /** Tap t: its column phase's plane, its column there. */
        final int[] tapColumns;

        PhaseLayout(ConvGeometry g) {
            columns = new DirectRows(g);
            stride = g.stride()[1];
            k = g.kernel()[1];
            outRows = g.response()[1];
            outWidth = g.response()[2];
            padTop = g.padLeft()[1];
            phaseLength = columns.phaseLength;
            int bufferRows = (outRows - 1) * stride + k; // every input row an output reads, padding rows included
            imageRows = Math.max(0, Math.min(g.image()[1], bufferRows - padTop));
            // + SPLIT_SLACK: the zeros splitPhaseRows may write past a plane's last row stay in its own plane
            planeSize = DepthwiseConv.ceilDiv(bufferRows, stride) * phaseLength + VectorOps.SPLIT_SLACK;
            kernelRows = new int[k];
            tapColumns = new int[k];
            for (int i = 0; i < k; i++) {
                int c = columns.tapColumns[i];
                kernelRows[i] = i % stride * stride * planeSize + i / stride * phaseLength;
                tapColumns[i] = c / phaseLength * planeSize + c % phaseLength;
            }
        }

        /** The planes' floats: four at stride 2, one at unit stride. */
        int size() {
            return stride * stride * planeSize;
        }

        /** The image columns of the plane at {@code image[planeBase]} into the planes at {@code planes[at]}. */
        void fill(VectorOps ops, float[] image, int planeBase, float[] planes, int at) {
            if (stride == 2) {
                splitPhases(ops, this, image, planeBase, planes, at);
            } else {
                columns.padRows(ops, image, planeBase, planes, at + padTop * phaseLength, 0, imageRows);
            }
        }

        /** The flat run of an output plane's rows, {@code phaseLength} apart. */
        int span() {
            return (outRows - 1) * phaseLength + outWidth;
        }
    }

    /** The image columns of the plane at {@code image[planeBase]} into the four phase planes at {@code planes[at]}. */
    private static void splitPhases(VectorOps ops, PhaseLayout l, float[] image, int planeBase, float[] planes, int at) {
        for (int parity = 0; parity < 2; parity++) { // padded rows i = padTop + r of this parity
            int first = Math.floorMod(parity - l.padTop, 2);
            splitRows(ops, l.columns, image, planeBase, first, (l.imageRows - first + 1) / 2, 2, planes,
                    at + parity * 2 * l.planeSize + (l.padTop + first) / 2 * l.phaseLength, l.phaseLength, l.planeSize);
        }
    }

    /**
     * The tasks of a pass over planes of rows: runs of planes, or, when there are few planes, bands of rows (about
     * 4·MIN_TASKS tasks, so that two threads balance without handing out one task per plane on shared counters).
     * Independent of the thread count.
     */
    private static final class Tasks {
        /** One task's work: planes [firstPlane, lastPlane), rows [rowFrom, rowTo), never empty. */
        interface Body {
            void run(int firstPlane, int lastPlane, int rowFrom, int rowTo);
        }

        private final int count;
        private final int planes;
        private final int rows;
        private final int bands;
        private final int perBand;
        private final int group;

        Tasks(int planes, int rows) {
            this.planes = planes;
            this.rows = rows;
            bands = Math.max(1, Math.min(rows, DepthwiseConv.ceilDiv(DepthwiseConv.MIN_TASKS, planes)));
            perBand = DepthwiseConv.ceilDiv(rows, bands);
            group = bands == 1 ? Math.max(1, planes / (4 * DepthwiseConv.MIN_TASKS)) : 1;
            count = bands == 1 ? DepthwiseConv.ceilDiv(planes, group) : planes * bands;
        }

        /** Every task with rows to do, in parallel. */
        void run(Body body) {
            Parallel.forEach(count, task -> {
                int firstPlane = bands == 1 ? task * group : task / bands;
                int lastPlane = bands == 1 ? Math.min(planes, firstPlane + group) : firstPlane + 1;
                int rowFrom = bands == 1 ? 0 : task % bands * perBand;
                int rowTo = bands == 1 ? rows : Math.min(rows, rowFrom + perBand);
                if (rowFrom < rowTo) {
                    body.run(firstPlane, lastPlane, rowFrom, rowTo);
                }
            });
        }
    }

    /**
     * Whether the strided input gradient of {@code g} (a depthwise forward) runs by phase here
     * ({@link #scatterStride2}): 2-d, 3×3 or 5×5, stride 2, no dilation, at any row width.
     */
    static boolean scatterApplies(ConvGeometry g) {
        int[] k = g.kernel();
        int[] s = g.stride();
        int[] d = g.dilation();
        return g.image()[0] == 1 && k[0] == 1 && (k[1] == 3 || k[1] == 5) && k[2] == k[1]
                && s[0] == 1 && s[1] == 2 && s[2] == 2 && d[0] == 1 && d[1] == 1 && d[2] == 1 && g.padLeft()[0] == 0;
    }

    /**
     * Whether the input gradient of {@code g} (one {@link #scatterApplies} takes) runs on whole image rows
     * ({@link #columnPhases}): rows as wide as {@link VectorOps#depthwiseStride2GradientMinWidth} asks (on the Vector
     * API a vector: dwb26 moved the rows between one and two vectors here, each woven straight into the image);
     * narrower ones run on the four phase planes ({@link #phaseScatter}).
     */
    static boolean scatterWholeRows(ConvGeometry g, VectorOps ops) {
        return g.image()[2] >= ops.depthwiseStride2GradientMinWidth();
    }

    /**
     * The stride-2 input gradient without the zeros of an upsampled response (dw18). Image pixel (iy, ix) takes
     * only the taps (ky, kx) with iy + pad - ky and ix + pad - kx even, reading response (iy + pad - ky) / 2,
     * (ix + pad - kx) / 2: every other image row takes the even kernel rows, the rows between the odd ones, and
     * within a row the even and odd columns take the kernel's even and odd columns. So each (row parity, column
     * parity) is a unit-stride correlation of the response with a 1-3 × 1-3 part of the kernel, flipped
     * ({@link ScatterLayout}). Wide rows by column phase ({@link #columnPhases}), narrow ones on the four phase
     * planes ({@link #phaseScatter}).
     */
    float[] scatterStride2(ConvGeometry g, float[] response, float[] weight) {
        return scatterWholeRows(g, ops) ? columnPhases(g, response, weight) : phaseScatter(g, response, weight);
    }

    /**
     * Where a stride-2 input gradient reads ({@link #scatterStride2}): the response plane padded whole into
     * {@code bufferRows} rows of {@code rowLength}, zero rows and columns wherever an image pixel's taps reach past
     * it; image row iy reads buffer rows {@link #top}(iy) on, its even columns 2n from buffer column
     * {@code evenColumn} + n on ({@code evenTaps} taps), its odd ones from {@code oddColumn} + n ({@code oddTaps}).
     */
    private static final class ScatterLayout {
        final int k;
        final int height;
        final int width;
        final int padTop;
        /** The response row of buffer row 0 (negative: zero rows above the response). */
        final int rowLo;
        final int bufferRows;
        final int rowLength;
        /** The response rows inside the plane: buffer rows [firstRow, firstRow + copied). */
        final int firstRow;
        final int copied;
        /** The response column of buffer column 0. */
        final int colLo;
        final int evenColumn;
        final int oddColumn;
        final int evenTaps;
        final int oddTaps;

        ScatterLayout(ConvGeometry g) {
            k = g.kernel()[1];
            height = g.image()[1];
            width = g.image()[2];
            padTop = g.padLeft()[1];
            int padLeft = g.padLeft()[2];
            int outRows = g.response()[1];
            int outWidth = g.response()[2];
            // image row iy reads response rows ceil((iy + padTop - k + 1) / 2) .. floor((iy + padTop) / 2), the
            // kernel rows of its parity descending; likewise per column phase
            rowLo = -Math.floorDiv(-(padTop - k + 1), 2);
            int rowHi = Math.floorDiv(height - 1 + padTop, 2);
            bufferRows = rowHi - rowLo + 1;
            int evenStart = -Math.floorDiv(-(padLeft - k + 1), 2); // even image column 2n reads from response column n + evenStart
            int oddStart = -Math.floorDiv(-(1 + padLeft - k + 1), 2);
            evenTaps = (padLeft % 2 == 0 ? k + 1 : k - 1) / 2; // the kernel columns kx ≡ pad (mod 2)
            oddTaps = k - evenTaps;
            colLo = Math.min(0, Math.min(evenStart, oddStart));
            int lastRead = Math.max(Math.max(evenStart + (width + 1) / 2 - 1 + evenTaps - 1,
                    oddStart + width / 2 - 1 + oddTaps - 1), outWidth - 1);
            rowLength = lastRead - colLo + 1;
            evenColumn = evenStart - colLo;
            oddColumn = oddStart - colLo;
            firstRow = Math.max(0, -rowLo);
            copied = Math.max(0, Math.min(outRows, rowHi + 1) - Math.max(0, rowLo));
        }

        /** Image row iy's first response row, in the buffer. */
        int top(int iy) {
            return -Math.floorDiv(-(iy + padTop - k + 1), 2) - rowLo;
        }

        /** The first image row in [rowFrom, ...) of {@code parity} (0: iy + padTop even). */
        int first(int rowFrom, int parity) {
            return rowFrom + Math.floorMod(parity - rowFrom - padTop, 2);
        }

        /** The kernel rows an image row of {@code parity} takes. */
        int kernelRows(int parity) {
            return (parity == 0 ? k + 1 : k - 1) / 2;
        }

        /** Where the weights of the image rows of {@code parity} start in a channel's {@link #phaseWeights}. */
        int weightsOf(int parity) {
            return parity == 0 ? 0 : (k + 1) / 2 * k;
        }

        /**
         * A task's padded buffer: its zero rows written, which stay zero across the task's planes; {@link #RUN_SLACK}
         * floats past them for {@link VectorOps#depthwiseStride2GradientRun}'s whole vectors.
         */
        float[] buffer() {
            float[] padded = DepthwiseConv.paddedRows(bufferRows * rowLength + RUN_SLACK);
            Arrays.fill(padded, 0, firstRow * rowLength, 0f);
            Arrays.fill(padded, (firstRow + copied) * rowLength, bufferRows * rowLength, 0f);
            return padded;
        }

        /** The response plane at {@code response[base]} into {@code padded} (padRows writes each row's zero columns). */
        void pad(VectorOps ops, float[] response, int base, int outWidth, float[] padded) {
            if (copied > 0) {
                ops.padRows(response, base + Math.max(0, rowLo) * outWidth, outWidth, copied, padded,
                        firstRow * rowLength, rowLength, -colLo);
            }
        }
    }

    /**
     * {@link #scatterStride2} of rows as wide as {@link VectorOps#depthwiseStride2GradientMinWidth} asks:
     * {@link VectorOps#depthwiseStride2GradientRows} computes every other image row, the two column phases of a row
     * together, woven into it in registers and stored in place (no phase planes); each element summed in the order
     * {@link #phaseScatter} sums it, so the two give the same bits. Tasks as {@link #correlate}'s (runs of planes, or bands of image rows); each image
     * element is summed by one task in one fixed order.
     */
    float[] columnPhases(ConvGeometry g, float[] response, float[] weight) {
        float[] image = Storage.floats(g.imageSize()); // every image row is written once
        ScatterLayout l = new ScatterLayout(g);
        int k = l.k;
        int width = l.width;
        int rowLength = l.rowLength;
        int kv = g.kernelVolume();
        int channels = g.groups();
        float[] parts = phaseWeights(weight, channels, k, g.padLeft()[2]);
        int inPlane = g.responsePlane();
        int outPlane = g.imagePlane();
        new Tasks(g.batch() * channels, l.height).run((firstPlane, lastPlane, rowFrom, rowTo) -> {
            float[] padded = l.buffer();
            for (int p = firstPlane; p < lastPlane; p++) {
                l.pad(ops, response, p * inPlane, g.response()[2], padded);
                int wo = p % channels * kv;
                for (int parity = 0; parity < 2; parity++) { // image rows iy + padTop even, then odd
                    int first = l.first(rowFrom, parity);
                    if (first >= rowTo) {
                        continue;
                    }
                    ops.depthwiseStride2GradientRows(padded, l.top(first) * rowLength, rowLength, l.kernelRows(parity),
                            l.evenTaps, l.evenColumn, l.oddTaps, l.oddColumn, parts, wo + l.weightsOf(parity), image,
                            p * outPlane + first * width, 2 * width, width, (rowTo - first + 1) / 2);
                }
            }
        });
        return image;
    }

    /**
     * {@link #scatterStride2} of rows narrower than {@link VectorOps#depthwiseStride2GradientMinWidth} asks (issue 10:
     * dw3x3-s2-21's 21-wide rows took the zero-upsampled gather, 9 multiply-adds a pixel where 2.25 are not zeros):
     * each of the image's four (row parity, column parity) phase planes is a unit-stride correlation of the padded
     * response with its part of the kernel, whose output rows are the buffer's rows, so a phase plane is one flat
     * run over the buffer ({@link VectorOps#depthwiseStride2GradientRun}: a vector spans several rows; the columns
     * past the phase's width are the rows' wrap-around, computed and dropped), woven into the image rows once
     * ({@link VectorOps#interleavePhaseRows}). Tasks as {@link #correlate}'s; each image element is summed by one
     * task in one fixed order.
     */
    float[] phaseScatter(ConvGeometry g, float[] response, float[] weight) {
        float[] image = Storage.floats(g.imageSize()); // every image row is written once
        ScatterLayout l = new ScatterLayout(g);
        int width = l.width;
        int rowLength = l.rowLength;
        int kv = g.kernelVolume();
        int channels = g.groups();
        float[] parts = phaseWeights(weight, channels, l.k, g.padLeft()[2]);
        int inPlane = g.responsePlane();
        int outPlane = g.imagePlane();
        int[] phaseWidths = {(width + 1) / 2, width / 2};
        int[] columns = {l.evenColumn, l.oddColumn};
        int[] taps = {l.evenTaps, l.oddTaps};
        new Tasks(g.batch() * channels, l.height).run((firstPlane, lastPlane, rowFrom, rowTo) -> {
            float[] padded = l.buffer();
            int classSize = (rowTo - rowFrom + 1) / 2 * rowLength + RUN_SLACK; // a phase plane's rows, then slack
            float[] phases = PHASES.floats(4 * classSize);
            int limit = (lastPlane - 1) * outPlane + rowTo * width; // planes before the last are rewritten after
            for (int p = firstPlane; p < lastPlane; p++) {
                l.pad(ops, response, p * inPlane, g.response()[2], padded);
                int wo = p % channels * kv;
                for (int parity = 0; parity < 2; parity++) { // image rows iy + padTop even, then odd
                    int first = l.first(rowFrom, parity);
                    if (first >= rowTo) {
                        continue;
                    }
                    int rows = (rowTo - first + 1) / 2;
                    for (int phase = 0; phase < 2; phase++) {
                        if (phaseWidths[phase] > 0) {
                            ops.depthwiseStride2GradientRun(padded, l.top(first) * rowLength + columns[phase],
                                    rowLength, l.kernelRows(parity), taps[phase], parts,
                                    wo + l.weightsOf(parity) + phase * l.evenTaps, l.k, phases,
                                    (2 * parity + phase) * classSize, (rows - 1) * rowLength + phaseWidths[phase]);
                        }
                    }
                }
                int a = Math.floorMod(rowFrom + l.padTop, 2); // the parity of the task's first row
                ops.interleavePhaseRows(phases, 2 * a * classSize, (2 * a + 1) * classSize,
                        2 * (1 - a) * classSize, (2 * (1 - a) + 1) * classSize, rowLength, rowTo - rowFrom, width,
                        image, p * outPlane + rowFrom * width, limit);
            }
        });
        return image;
    }

    /** The phase planes of a task's image rows, four flat runs. */
    private static final ThreadScratch PHASES = new ThreadScratch();

    /**
     * Floats past a padded response and past each phase plane: {@link VectorOps#depthwiseStride2GradientRun} and
     * {@link VectorOps#interleavePhaseRows} read and write up to a vector (at most 64 lanes) past them.
     */
    private static final int RUN_SLACK = 64;

    /**
     * Each channel's kernel regrouped for {@link VectorOps#depthwiseStride2GradientRows}: the rows of the image
     * rows with iy + padTop even (kernel rows k-1, k-3, ..., 0), then the others (k-2, ..., 1); within a row the even
     * image columns' taps (kernel columns ≡ padLeft mod 2, descending), then the odd columns'.
     */
    private static float[] phaseWeights(float[] weight, int channels, int k, int padLeft) {
        float[] parts = new float[channels * k * k];
        int at = 0;
        for (int c = 0; c < channels; c++) {
            for (int parity = 0; parity < 2; parity++) {
                for (int ky = k - 1 - parity; ky >= 0; ky -= 2) { // k odd: ky ≡ iy + padTop (mod 2), descending
                    for (int phase = 0; phase < 2; phase++) {
                        for (int kx = k - 1 - (phase + padLeft) % 2; kx >= 0; kx -= 2) { // kx ≡ ix + padLeft (mod 2)
                            parts[at++] = weight[c * k * k + ky * k + kx];
                        }
                    }
                }
            }
        }
        return parts;
    }

    /**
     * The weight gradient, per channel over the images in order: unit-stride 3×3 with one padding row and column a
     * side on whole planes ({@link #samePlanes}), narrow stride-2 3×3 rows in place ({@link #inPlaceWeights}), other
     * unit strides and stride-2 rows narrower than two strips on
     * flat tap rows ({@link #tapRowWeights}, {@link #phaseWeightGradient}), other stride-2 rows on the
     * forward's padded planes ({@link VectorOps#depthwiseTapSums}: each tap's products summed in registers down the
     * plane).
     */
    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        if (samePlanes(g)) {
            return samePlaneWeightGradient(g, image, response);
        }
        if (inPlaceWeights(g, ops)) {
            return inPlaceWeightGradient(g, image, response);
        }
        if (tapRowWeights(g, ops)) {
            return phaseWeightGradient(g, image, response);
        }
        DirectRows columns = new DirectRows(g);
        int k = g.kernel()[1];
        int stride = g.stride()[1];
        int outRows = g.response()[1];
        int outWidth = g.response()[2];
        int padTop = g.padLeft()[1];
        int rowLength = columns.rowLength;
        int bufferRows = (outRows - 1) * stride + k;
        int imageRows = Math.max(0, Math.min(g.image()[1], bufferRows - padTop));
        int channels = g.groups();
        int kv = g.kernelVolume();
        float[] dw = Storage.floats(g.weightSize());
        Parallel.forEach(channels, c -> {
            float[] padded = DepthwiseConv.paddedRows(bufferRows * rowLength);
            double[] sums = SUMS.doubles(kv);
            Arrays.fill(sums, 0, kv, 0.0);
            Arrays.fill(padded, 0, bufferRows * rowLength, 0f);
            for (int n = 0; n < g.batch(); n++) {
                int p = n * channels + c;
                if (columns.stride == 2) {
                    splitRows(columns, image, p * g.imagePlane(), 0, imageRows, padded, padTop * rowLength, rowLength,
                            columns.phaseLength);
                } else {
                    columns.padRows(ops, image, p * g.imagePlane(), padded, padTop * rowLength, 0, imageRows);
                }
                ops.depthwiseTapSums(response, p * g.responsePlane(), outRows, outWidth, padded, 0, rowLength, stride,
                        columns.tapColumns, k, sums, 0);
            }
            for (int t = 0; t < kv; t++) {
                dw[c * kv + t] = (float) sums[t];
            }
        });
        return dw;
    }

    private static final ThreadScratch SUMS = new ThreadScratch();

    /**
     * Image rows {@code first}, first + 2, ... ({@code count} of them, every other row) of the plane at
     * {@code x[planeBase]} split by column phase into {@code padded}, as {@link DirectRows#padRows} does for stride
     * 2, but only the image's columns (the padding columns are already zero): row first + 2m's even phase at
     * {@code at + m·rowStep}, its odd phase {@code phaseDistance} after it.
     */
    private static void splitRows(VectorOps ops, DirectRows columns, float[] x, int planeBase, int first, int count,
                                  int step, float[] padded, int at, int rowStep, int phaseDistance) {
        int pad = columns.pad;
        int width = columns.width;
        int evenAt = pad % 2 * phaseDistance + pad / 2; // input column 0 is padded column pad
        int oddAt = (pad + 1) % 2 * phaseDistance + (pad + 1) / 2;
        ops.splitPhaseRows(x, planeBase + first * width, step * width, count, width, padded, at + evenAt, at + oddAt,
                rowStep);
    }

    /** {@link #splitRows} of the image rows [0, rows) in order, row r at {@code at + r·rowLength}. */
    private void splitRows(DirectRows columns, float[] x, int planeBase, int first, int rows, float[] padded, int at,
                           int rowLength, int phaseDistance) {
        splitRows(ops, columns, x, planeBase, first, rows, 1, padded, at, rowLength, phaseDistance);
    }
}
