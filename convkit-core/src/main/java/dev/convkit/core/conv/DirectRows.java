package dev.convkit.core.conv;

import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.window.Windows;

import java.util.Arrays;

/**
 * Where the output rows of a direct convolution read, in blocks of {@link #BLOCK} output rows that
 * {@link VectorOps#convRowBlock} computes together, so that each input row a block meets is loaded once
 * for all of its output rows. An output row (od, oh) meets the kernel rows (kd, kh) whose input row lies
 * inside the image; the others are skipped, so rows are never padded.
 *
 * <p>Columns: each input row is copied into a padded row (zeros on either side, all of a plane's rows in
 * a small per-thread buffer that stays in cache), its columns split by phase: padded column c goes to
 * phase {@code c % stride} at {@code c / stride}. Output column ow's tap t reads padded column
 * ow*stride + t*dilation, which is {@link #tapColumns}[t] + ow in the phased row, so that every stride
 * runs on contiguous vector loads without a bounds-checked border loop (stride 2 split in one vector pass,
 * {@link VectorOps#deinterleave2}).
 *
 * <p>{@link #transposed} turns the same pairs around for a strided scatter: output rows are the image's,
 * input rows the response's, each response row spread to its columns' positions (zeros between).
 */
final class DirectRows {
    /** Output rows computed together. */
    static final int BLOCK = 4;

    final int outRows;
    final int outWidth;
    final int width;
    final int kw;
    final int stride;
    /** Where input column 0 lands in a padded row: the left padding (transposed: its column's offset). */
    final int pad;
    /** The padded row's length: every column an output reads, from column -pad. */
    final int paddedWidth;
    /** The columns of one phase of a padded row. */
    final int phaseLength;
    /** One phased row in the buffer: {@code stride} phases. */
    final int rowLength;
    /** How many input rows a plane has (D·H). */
    final int inRows;
    /** Where output column 0's tap t reads in a phased row. */
    final int[] tapColumns;
    /** How many blocks of output rows there are. */
    final int blocks;
    /** Per block: where its input rows start in the phased plane, ascending. */
    private final int[][] blockStarts;
    /** Per block: for each of its input rows, BLOCK weight offsets (kernel row × KW), -1 where an output row skips it. */
    private final int[][] blockWeights;
    /**
     * Per block of a 3×3 kernel (vertical dilation 1): where its first input row starts when output row q
     * reads exactly input rows first + {@link #rowStride}·q + k (k < 3) with kernel row k, as
     * {@link VectorOps#convRowBlock3x3} computes it; -1 for any other block (a border, a tail).
     */
    private final int[] interior3x3;
    /** The vertical stride. */
    final int rowStride;
    /** Whether this is the scatter's gather ({@link #transposed}). */
    final boolean transposed;
    /**
     * Whether each output row reads consecutive kernel rows at input rows {@link #kStep} apart (a forward
     * whose kernel has depth 1), as {@link VectorOps#convRowsDirect} takes them: blocks of 4 rows that meet every kernel row
     * ({@link #fullBlockStart}) and single border rows ({@link #rowStart}, {@link #firstKernelRow}).
     */
    final boolean planar;
    /** Between the phased input rows of consecutive output rows: the vertical stride, in floats. */
    final int qStep;
    /** Between the phased input rows of consecutive kernel rows: the vertical dilation, in floats. */
    final int kStep;
    /** The kernel's rows (KH; planar only). */
    final int kernelRows;
    /** Per block: where its first input row starts if its 4 output rows meet every kernel row, else -1. */
    private final int[] fullBlockStart;
    /** The transposed rows' column stride: where {@link #padRows} spreads a response row's columns. */
    private final int upsampleStride;
    /** Per output row: the input rows it meets (ascending), as plane rows. */
    final int[][] inputRow;
    /** Per output row: the kernel row (kd·KH + kh) of each input row it meets. */
    final int[][] kernelRow;

    /** The forward: output rows are the response's, input rows the image's. */
    DirectRows(ConvGeometry g) {
        this(g, false);
    }

    /**
     * The strided scatter as a gather: output rows are the image's, input rows the response's, each
     * response row {@linkplain #padRows upsampled} (its column ow at ow·stride, zeros between) so that
     * image column iw's tap t reads {@link #tapColumns}[t] + iw, with the kernel's own weights.
     */
    static DirectRows transposed(ConvGeometry g) {
        return new DirectRows(g, true);
    }

    private DirectRows(ConvGeometry g, boolean transposed) {
        int[] img = g.image();
        int[] res = g.response();
        int[] ker = g.kernel();
        int[] str = g.stride();
        int[] dil = g.dilation();
        int[] padLeft = g.padLeft();
        this.transposed = transposed;
        kw = ker[2];
        int responseRows = res[0] * res[1];
        int imageRows = img[0] * img[1];
        // per response row: the image rows it meets (ascending) and the kernel row (kd*KH + kh) of each
        int[][] imageRow = new int[responseRows][];
        int[][] kernelOf = new int[responseRows][];
        int[] rows = new int[ker[0] * ker[1]];
        int[] kernels = new int[rows.length];
        for (int od = 0; od < res[0]; od++) {
            for (int oh = 0; oh < res[1]; oh++) {
                int count = 0;
                for (int kd = 0; kd < ker[0]; kd++) {
                    int id = Windows.tapPosition(od, kd, str[0], padLeft[0], dil[0]);
                    for (int kh = 0; kh < ker[1]; kh++) {
                        int ih = Windows.tapPosition(oh, kh, str[1], padLeft[1], dil[1]);
                        if (id >= 0 && id < img[0] && ih >= 0 && ih < img[1]) {
                            rows[count] = id * img[1] + ih;
                            kernels[count++] = kd * ker[1] + kh;
                        }
                    }
                }
                int r = od * res[1] + oh;
                imageRow[r] = Arrays.copyOf(rows, count);
                kernelOf[r] = Arrays.copyOf(kernels, count);
            }
        }
        if (!transposed) {
            outRows = responseRows;
            inRows = imageRows;
            outWidth = res[2];
            width = img[2];
            // one output column reads one window whatever the stride: a stride past the row would size the phased
            // row at stride floats (gigabytes near Integer.MAX_VALUE)
            stride = outWidth == 1 ? 1 : str[2];
            upsampleStride = 1;
            pad = padLeft[2];
            paddedWidth = Math.max(Windows.tapPosition(outWidth - 1, kw - 1, stride, pad, dil[2]) + pad + 1, pad + width);
            phaseLength = DepthwiseConv.ceilDiv(paddedWidth, stride);
            rowLength = stride * phaseLength;
            tapColumns = new int[kw];
            for (int t = 0; t < kw; t++) {
                int c = t * dil[2];
                tapColumns[t] = c % stride * phaseLength + c / stride;
            }
            inputRow = imageRow;
            kernelRow = kernelOf;
        } else {
            // the same pairs inverted: per image row, the response rows that read it (ascending)
            outRows = imageRows;
            inRows = responseRows;
            outWidth = img[2];
            width = res[2];
            stride = 1;
            upsampleStride = str[2];
            // response column ow sits at its window's first tap + (kw-1)·d, which image column iw reads
            // through tap t at iw + (kw-1-t)·d: every read lands in [0, W + (kw-1)·d)
            pad = (kw - 1) * dil[2] - padLeft[2];
            paddedWidth = outWidth + (kw - 1) * dil[2];
            phaseLength = paddedWidth;
            rowLength = paddedWidth;
            tapColumns = new int[kw];
            for (int t = 0; t < kw; t++) {
                tapColumns[t] = (kw - 1 - t) * dil[2];
            }
            int[] counts = new int[outRows];
            for (int[] met : imageRow) {
                for (int i : met) {
                    counts[i]++;
                }
            }
            inputRow = new int[outRows][];
            kernelRow = new int[outRows][];
            for (int i = 0; i < outRows; i++) {
                inputRow[i] = new int[counts[i]];
                kernelRow[i] = new int[counts[i]];
                counts[i] = 0;
            }
            for (int r = 0; r < responseRows; r++) { // ascending r: each image row's list comes out sorted
                for (int k = 0; k < imageRow[r].length; k++) {
                    int i = imageRow[r][k];
                    inputRow[i][counts[i]] = r;
                    kernelRow[i][counts[i]++] = kernelOf[r][k];
                }
            }
        }
        blocks = DepthwiseConv.ceilDiv(outRows, BLOCK);
        blockStarts = new int[blocks][];
        blockWeights = new int[blocks][];
        for (int b = 0; b < blocks; b++) {
            int first = b * BLOCK;
            int last = Math.min(outRows, first + BLOCK);
            int[] met = new int[0];
            for (int r = first; r < last; r++) {
                met = union(met, inputRow[r]);
            }
            int[] weights = new int[met.length * BLOCK];
            Arrays.fill(weights, -1);
            for (int r = first; r < last; r++) {
                for (int k = 0; k < inputRow[r].length; k++) {
                    int i = Arrays.binarySearch(met, inputRow[r][k]);
                    weights[i * BLOCK + r - first] = kernelRow[r][k] * kw;
                }
            }
            for (int i = 0; i < met.length; i++) {
                met[i] *= rowLength;
            }
            blockStarts[b] = met;
            blockWeights[b] = weights;
        }
        rowStride = str[1];
        planar = !transposed && ker[0] == 1;
        qStep = str[1] * rowLength;
        kStep = dil[1] * rowLength;
        kernelRows = ker[1];
        fullBlockStart = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            boolean full = planar && (b + 1) * BLOCK <= outRows;
            for (int q = 0; full && q < BLOCK; q++) { // and a vertical stride apart: not across depths
                int[] met = inputRow[b * BLOCK + q];
                full = met.length == ker[1] && met[0] == inputRow[b * BLOCK][0] + q * str[1];
            }
            fullBlockStart[b] = full ? inputRow[b * BLOCK][0] * rowLength : -1;
        }
        interior3x3 = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            boolean regular = !transposed && ker[0] == 1 && ker[1] == 3 && kw == 3 && dil[1] == 1 && (b + 1) * BLOCK <= outRows
                    && blockStarts[b].length == 3 * rowStride + 3;
            for (int i = 0; regular && i < blockStarts[b].length; i++) {
                regular = blockStarts[b][i] == blockStarts[b][0] + i * rowLength;
                for (int q = 0; q < BLOCK; q++) {
                    int k = i - rowStride * q;
                    regular &= blockWeights[b][i * BLOCK + q] == (k >= 0 && k < 3 ? k * kw : -1);
                }
            }
            interior3x3[b] = regular ? blockStarts[b][0] : -1;
        }
    }

    /** Where block {@code b}'s first input row starts if it is an interior block of a 3×3 kernel, else -1. */
    int interior3x3(int b) {
        return interior3x3[b];
    }

    /** Where block {@code b}'s first input row starts if its 4 output rows meet every kernel row, else -1. */
    int fullBlockStart(int b) {
        return fullBlockStart[b];
    }

    /** Where output row {@code r}'s first input row starts in the phased plane (0 when it meets none). */
    int rowStart(int r) {
        return inputRow[r].length == 0 ? 0 : inputRow[r][0] * rowLength;
    }

    /** The first kernel row output row {@code r} meets (its others follow it); 0 when it meets none. */
    int firstKernelRow(int r) {
        return kernelRow[r].length == 0 ? 0 : kernelRow[r][0];
    }

    /** The sorted union of two ascending sets. */
    private static int[] union(int[] a, int[] b) {
        int[] u = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int v = j == b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            u[n++] = v;
            while (i < a.length && a[i] == v) {
                i++;
            }
            while (j < b.length && b[j] == v) {
                j++;
            }
        }
        return Arrays.copyOf(u, n);
    }

    /** The floats of a plane's phased rows. */
    int paddedPlane() {
        return inRows * rowLength;
    }

    /** Copies input rows [from, to) of the plane at {@code x[planeBase]} into {@code padded} as phased rows. */
    void padRows(VectorOps ops, float[] x, int planeBase, float[] padded, int from, int to) {
        padRows(ops, x, planeBase, padded, 0, from, to);
    }

    /** {@link #padRows} with input row r at {@code padded[at + r·rowLength]}. */
    void padRows(VectorOps ops, float[] x, int planeBase, float[] padded, int at, int from, int to) {
        if (transposed) {
            for (int r = from; r < to; r++) {
                int o = at + r * rowLength;
                int in = planeBase + r * width;
                Arrays.fill(padded, o, o + rowLength, 0f);
                for (int ow = 0; ow < width; ow++) {
                    int c = ow * upsampleStride + pad;
                    if (c >= 0 && c < rowLength) {
                        padded[o + c] = x[in + ow];
                    }
                }
            }
            return;
        }
        if (stride == 1) {
            if (to > from) {
                ops.padRows(x, planeBase + from * width, width, to - from, padded, at + from * rowLength, rowLength, pad);
            }
            return;
        }
        if (stride == 2) {
            // input column i is padded column pad + i: the even columns of x go to phase pad % 2, the odd ones
            // to the other, in one vector split per row
            int evenPhase = pad % 2 * phaseLength;
            int evenAt = evenPhase + pad / 2;
            int evenEnd = evenAt + (width + 1) / 2;
            int oddPhase = (pad + 1) % 2 * phaseLength;
            int oddAt = oddPhase + (pad + 1) / 2;
            int oddEnd = oddAt + width / 2;
            for (int r = from; r < to; r++) {
                int o = at + r * rowLength;
                int in = planeBase + r * width;
                zero(padded, o + evenPhase, o + evenAt);
                zero(padded, o + evenEnd, o + evenPhase + phaseLength);
                zero(padded, o + oddPhase, o + oddAt);
                zero(padded, o + oddEnd, o + oddPhase + phaseLength);
                ops.deinterleave2(x, in, padded, o + evenAt, padded, o + oddAt, width / 2);
                if (width % 2 == 1) {
                    padded[o + evenEnd - 1] = x[in + width - 1];
                }
            }
            return;
        }
        for (int r = from; r < to; r++) {
            int o = at + r * rowLength;
            int in = planeBase + r * width - pad;
            for (int phase = 0; phase < stride; phase++) {
                int po = o + phase * phaseLength;
                for (int k = 0, c = phase; k < phaseLength; k++, c += stride) {
                    padded[po + k] = c >= pad && c < pad + width ? x[in + c] : 0f;
                }
            }
        }
    }

    /** Zeros [from, to): a padded row's few border columns, where a fill call would cost more. */
    private static void zero(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = 0f;
        }
    }

    /** The input rows block {@code b} meets, as their starts in the phased plane. */
    int[] blockStarts(int b) {
        return blockStarts[b];
    }

    /** Block {@code b}'s weight offsets, {@link #BLOCK} per input row. */
    int[] blockWeights(int b) {
        return blockWeights[b];
    }

    /** The first input row blocks [from, to) meet, or {@code inRows} when they meet none. */
    int firstRow(int from, int to) {
        int first = inRows;
        for (int b = from; b < to; b++) { // the transposed rows' lists are not monotone across image depths
            if (blockStarts[b].length > 0) {
                first = Math.min(first, blockStarts[b][0] / rowLength);
            }
        }
        return first;
    }

    /** One past the last input row blocks [from, to) meet, or 0 when they meet none. */
    int endRow(int from, int to) {
        int end = 0;
        for (int b = from; b < to; b++) {
            int[] s = blockStarts[b];
            if (s.length > 0) {
                end = Math.max(end, s[s.length - 1] / rowLength + 1);
            }
        }
        return end;
    }
}
