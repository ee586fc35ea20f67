package dev.convkit.core.conv;

import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.window.Windows;

import java.util.Arrays;

/**
 * Where each output row of a direct convolution reads. An output row (od, oh) meets the kernel rows
 * (kd, kh) whose input row lies inside the image; the others are skipped, so rows are never padded.
 * Columns are: each input row is copied into a padded row of {@link #paddedWidth} (zeros on either side,
 * all of a plane's rows in a small per-task buffer that stays in cache), so that every output column
 * runs on the vector row kernels ({@link VectorOps#convRow}, {@link VectorOps#rowTapDots}) without a
 * bounds-checked border loop. Output column ow's tap t reads padded column ow*stride + t*dilation.
 */
final class DirectRows {
    final int outRows;
    final int outWidth;
    final int width;
    final int kw;
    final int stride;
    final int dilation;
    final int pad;
    /** The padded row's length: every column an output reads, from column -pad. */
    final int paddedWidth;
    /** How many input rows a plane has (D·H). */
    final int inRows;
    /** Per output row: the valid kernel rows' input row index within a plane, and their kernel row index. */
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
        inRows = img[0] * img[1];
        outWidth = res[2];
        width = img[2];
        kw = ker[2];
        stride = str[2];
        dilation = dil[2];
        pad = padLeft[2];
        paddedWidth = Math.max(Windows.tapPosition(outWidth - 1, kw - 1, stride, pad, dilation) + pad + 1, pad + width);
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
    }

    /** The floats of a plane's padded rows. */
    int paddedPlane() {
        return inRows * paddedWidth;
    }

    /** Copies the plane at {@code x[planeBase]} into {@code padded} as padded rows (zeros either side). */
    void padRows(float[] x, int planeBase, float[] padded) {
        int right = paddedWidth - pad - width;
        for (int r = 0; r < inRows; r++) {
            int o = r * paddedWidth;
            Arrays.fill(padded, o, o + pad, 0f);
            System.arraycopy(x, planeBase + r * width, padded, o + pad, width);
            Arrays.fill(padded, o + pad + width, o + pad + width + right, 0f);
        }
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

    /** Where output row {@code r}'s k-th valid kernel row starts in the padded rows. */
    int paddedRow(int r, int k) {
        return inputRow[r][k] * paddedWidth;
    }

    /** The kernel row index (kd*KH + kh) of output row {@code r}'s k-th valid kernel row. */
    int kernelRow(int r, int k) {
        return kernelRow[r][k];
    }
}
