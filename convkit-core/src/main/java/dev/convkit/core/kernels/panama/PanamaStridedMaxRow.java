package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.ThreadScratch;

/**
 * pool11: value-only max pooling windows that start more than 2 columns apart (max3s3), from the
 * rows-first row of {@link PanamaVectorOps#maxRowWindows}: the window at every column by the stride-1
 * kernel (whole loads), then every stride-th of them. Windows no wider than their stride apart only:
 * wider gaps would compute mostly unused columns.
 */
final class PanamaStridedMaxRow {
    /** The window maxima at every column of a row, of which every stride-th is kept. */
    private static final ThreadScratch SLIDES = new ThreadScratch();

    private PanamaStridedMaxRow() {
    }

    /** Whether {@link #windows} takes these windows: a stride above 2, at most kw, and a vector's worth of columns. */
    static boolean fits(int kw, int stride, int count) {
        return stride > 2 && stride <= kw && columns(stride, count) >= PanamaVectorOps.LANES;
    }

    private static int columns(int stride, int count) {
        return (count - 1) * stride + 1;
    }

    /** Window j of the padded {@code row} (column c at row[c - from]) reads row[j·stride, + kw), into out[outOff + j]. */
    static void windows(float[] row, int kw, int stride, int count, float[] out, int outOff) {
        int columns = columns(stride, count);
        float[] slides = SLIDES.floats(columns);
        PanamaVectorOps.maxRowSliding1(row, kw, columns, slides, 0);
        for (int j = 0; j < count; j++) {
            out[outOff + j] = slides[j * stride];
        }
    }
}
