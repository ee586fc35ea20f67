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
 * runs on contiguous vector loads without a bounds-checked border loop.
 */
final class DirectRows {
    /** Output rows computed together. */
    static final int BLOCK = 4;

    final int outRows;
    final int outWidth;
    final int width;
    final int kw;
    final int stride;
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

    DirectRows(ConvGeometry g) {
        int[] img = g.image();
        int[] res = g.response();
        int[] ker = g.kernel();
        int[] str = g.stride();
        int[] dil = g.dilation();
        int[] padLeft = g.padLeft();
        outRows = res[0] * res[1];
        inRows = img[0] * img[1];
        outWidth = res[2];
        width = img[2];
        kw = ker[2];
        stride = str[2];
        pad = padLeft[2];
        paddedWidth = Math.max(Windows.tapPosition(outWidth - 1, kw - 1, stride, pad, dil[2]) + pad + 1, pad + width);
        phaseLength = DepthwiseConv.ceilDiv(paddedWidth, stride);
        rowLength = stride * phaseLength;
        tapColumns = new int[kw];
        for (int t = 0; t < kw; t++) {
            int c = t * dil[2];
            tapColumns[t] = c % stride * phaseLength + c / stride;
        }
        // per output row: the input rows it meets (ascending) and the kernel row (kd*KH + kh) of each
        int[][] inputRow = new int[outRows][];
        int[][] kernelRow = new int[outRows][];
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
                inputRow[r] = Arrays.copyOf(rows, count);
                kernelRow[r] = Arrays.copyOf(kernels, count);
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
        interior3x3 = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            boolean regular = ker[0] == 1 && ker[1] == 3 && kw == 3 && dil[1] == 1 && (b + 1) * BLOCK <= outRows
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
        if (stride == 1) {
            if (to > from) {
                ops.padRows(x, planeBase + from * width, width, to - from, padded, from * rowLength, rowLength, pad);
            }
            return;
        }
        for (int r = from; r < to; r++) {
            int o = r * rowLength;
            int in = planeBase + r * width - pad;
            for (int phase = 0; phase < stride; phase++) {
                int po = o + phase * phaseLength;
                for (int k = 0, c = phase; k < phaseLength; k++, c += stride) {
                    padded[po + k] = c >= pad && c < pad + width ? x[in + c] : 0f;
                }
            }
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
        for (int b = from; b < to; b++) {
            if (blockStarts[b].length > 0) {
                return blockStarts[b][0] / rowLength;
            }
        }
        return inRows;
    }

    /** One past the last input row blocks [from, to) meet, or 0 when they meet none. */
    int endRow(int from, int to) {
        for (int b = to - 1; b >= from; b--) {
            int[] s = blockStarts[b];
            if (s.length > 0) {
                return s[s.length - 1] / rowLength + 1;
            }
        }
        return 0;
    }
}
