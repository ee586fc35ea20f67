package dev.convkit.core.conv;

import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.window.Windows;

/**
 * Where each output row of a direct convolution reads, with the padding handled by bounds instead of
 * a padded copy. An output row (od, oh) meets the kernel rows (kd, kh) whose input row lies inside the
 * image; along the row, the interior columns [lo, hi) have every tap inside the input row and run on
 * {@link VectorOps#convRow}, the border columns on bounds-checked loops that sum in the same order.
 */
final class DirectRows {
    final int outRows;
    final int outWidth;
    final int width;
    final int kw;
    final int stride;
    final int dilation;
    final int pad;
    /** Output columns whose every tap is inside the input row (lo == hi == outWidth: none). */
    final int lo;
    final int hi;
    /** Per output row: the valid kernel rows' input row offsets within a plane, and their kernel row index. */
    private final int[][] inputRow;
    private final int[][] kernelRow;

    DirectRows(ConvGeometry g) {
        int[] img = g.image();
        int[] res = g.response();
        int[] ker = g.kernel();
        int[] str = g.stride();
        int[] dil = g.dilation();
        int[] padLeft = g.padLeft();
        outRows = res[0] * res[1];
        outWidth = res[2];
        width = img[2];
        kw = ker[2];
        stride = str[2];
        dilation = dil[2];
        pad = padLeft[2];
        inputRow = new int[outRows][];
        kernelRow = new int[outRows][];
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
                            rows[count] = (id * img[1] + ih) * img[2];
                            kernels[count++] = kd * ker[1] + kh;
                        }
                    }
                }
                int r = od * res[1] + oh;
                inputRow[r] = java.util.Arrays.copyOf(rows, count);
                kernelRow[r] = java.util.Arrays.copyOf(kernels, count);
            }
        }
        int first = 0;
        while (first < outWidth && column(first, 0) < 0) {
            first++;
        }
        int end = first;
        while (end < outWidth && column(end, kw - 1) < width) {
            end++;
        }
        lo = end > first ? first : outWidth;
        hi = end > first ? end : outWidth;
    }

    /** The input column that tap t of output column ow reads. */
    int column(int ow, int t) {
        return Windows.tapPosition(ow, t, stride, pad, dilation);
    }

    /** The first border column (outWidth: none). */
    private int firstBorder() {
        return lo == 0 ? hi : 0;
    }

    private int nextBorder(int ow) {
        return ow + 1 == lo ? hi : ow + 1;
    }

    /** The most kernel rows an output row meets. */
    int maxRows() {
        int most = 0;
        for (int[] rows : inputRow) {
            most = Math.max(most, rows.length);
        }
        return most;
    }

    /** How many kernel rows output row {@code r} meets. */
    int rows(int r) {
        return inputRow[r].length;
    }

    /** The input row offset (within a plane) of output row {@code r}'s k-th valid kernel row. */
    int inputRow(int r, int k) {
        return inputRow[r][k];
    }

    /** The kernel row index (kd*KH + kh) of output row {@code r}'s k-th valid kernel row. */
    int kernelRow(int r, int k) {
        return kernelRow[r][k];
    }

    /** The input column the interior's first output reads with its first tap (rows start there). */
    int interiorColumn() {
        return lo < hi ? column(lo, 0) : 0;
    }

    /**
     * One output row: {@code out[oo + ow]} for every ow, from the {@code count} input rows whose column
     * {@link #interiorColumn} is at {@code x[starts[k]]}, with weights {@code w[weightStarts[k] + t]}.
     */
    void row(VectorOps ops, float[] x, int[] starts, int[] weightStarts, int count, float[] w, float[] out, int oo) {
        if (lo < hi) {
            ops.convRow(x, starts, count, w, weightStarts, kw, dilation, stride, out, oo + lo, hi - lo);
        }
        int shift = interiorColumn();
        for (int ow = firstBorder(); ow < outWidth; ow = nextBorder(ow)) {
            float s = 0;
            for (int k = 0; k < count; k++) {
                int xs = starts[k] - shift;
                int ws = weightStarts[k];
                for (int t = 0; t < kw; t++) {
                    int col = column(ow, t);
                    if (col >= 0 && col < width) {
                        s += w[ws + t] * x[xs + col];
                    }
                }
            }
            out[oo + ow] = s;
        }
    }

    /**
     * The weight gradient's part of one output row and one input row: for each tap t, adds
     * dy[dyOff + ow]·x[rowStart + column(ow, t)] over the interior to the vector partial sums at
     * {@code partial[pOff + t*lanes]}, and over the border columns to {@code border[bOff + t]}.
     */
    void tapDots(VectorOps ops, float[] dy, int dyOff, float[] x, int rowStart, float[] partial, int pOff,
                 float[] border, int bOff) {
        if (lo < hi) {
            ops.rowTapDots(dy, dyOff + lo, x, rowStart + interiorColumn(), kw, dilation, stride, hi - lo, partial, pOff);
        }
        for (int ow = firstBorder(); ow < outWidth; ow = nextBorder(ow)) {
            float d = dy[dyOff + ow];
            for (int t = 0; t < kw; t++) {
                int col = column(ow, t);
                if (col >= 0 && col < width) {
                    border[bOff + t] += d * x[rowStart + col];
                }
            }
        }
    }
}
